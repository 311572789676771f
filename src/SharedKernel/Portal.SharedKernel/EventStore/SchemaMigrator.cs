using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.SharedKernel.EventStore;

// Applies every registered DatabaseSchema at start-up, before the background agents start. Each step runs
// once, in its own transaction with its bookkeeping row; an advisory lock keeps several hosts from racing.
internal sealed class SchemaMigrator(NpgsqlDataSource database, IEnumerable<DatabaseSchema> schemas, ILogger<SchemaMigrator> logger) : IHostedService
{
    private const long AdvisoryLockKey = 7_007_000_001;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            foreach (var schema in schemas)
            {
                await MigrateAsync(connection, schema, cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"select pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(NpgsqlConnection connection, DatabaseSchema schema, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, $"""
            create schema if not exists {schema.Name};
            create table if not exists {schema.Name}.schema_migrations (
                component text not null,
                version int not null,
                description text not null,
                applied_at timestamptz not null default now(),
                primary key (component, version));
            """, cancellationToken);

        await using var applied = new NpgsqlCommand($"select version from {schema.Name}.schema_migrations where component = $1", connection)
        {
            Parameters = { new() { Value = schema.Component } },
        };
        var done = new HashSet<int>();
        await using (var reader = await applied.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                done.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in schema.Migrations.Where(m => !done.Contains(m.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                $"insert into {schema.Name}.schema_migrations (component, version, description) values ($1, $2, $3)", connection, transaction)
            {
                Parameters = { new() { Value = schema.Component }, new() { Value = migration.Version }, new() { Value = migration.Description } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied {Schema}.{Component} migration {Version}: {Description}",
                schema.Name, schema.Component, migration.Version, migration.Description);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
