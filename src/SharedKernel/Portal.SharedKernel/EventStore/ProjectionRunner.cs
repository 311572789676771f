using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.EventStore;

// Applies async projections batch by batch. A batch takes only events of transactions older than every open one
// (tx_id < pg_snapshot_xmin) and resumes from the last (tx_id, seq) applied: an open transaction that took a lower
// sequence than a committed one is applied when it commits, never skipped. An advisory lock per projection keeps hosts apart.
internal sealed class ProjectionRunner(NpgsqlDataSource database, IEnumerable<ModuleDescriptor> modules, IServiceProvider services)
    : IProjectionDaemon
{
    public const int BatchSize = 500;

    private static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(20);

    public IEnumerable<(EventSerializer Module, IAsyncProjection Projection)> Projections() =>
        modules.SelectMany(m => m.AsyncProjections.Select(t => (new EventSerializer(m), (IAsyncProjection)services.GetRequiredService(t))));

    // Returns how many events were applied: 0 when none are ready or another host holds the projection.
    public async Task<int> RunBatchAsync(EventSerializer module, IAsyncProjection projection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ProgressAsync(connection, null, module, projection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockAsync(connection, transaction, module, projection, wait: false, cancellationToken))
        {
            return 0;
        }

        var (lastTxId, lastSeq) = await ProgressAsync(connection, transaction, module, projection, cancellationToken);
        await using var select = new NpgsqlCommand($"""
            select {EventSerializer.Columns} from {module.Schema}.events e
            where (e.tx_id, e.seq) > ($1::xid8, $2) and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
            order by e.tx_id, e.seq limit {BatchSize}
            """, connection, transaction)
        {
            Parameters = { new() { Value = lastTxId }, new() { Value = lastSeq } },
        };
        var events = await module.ReadAsync(select, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        await projection.ApplyAsync(new ProjectionContext(connection, transaction, module.Schema), events, cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            update {module.Schema}.projection_progress p set last_tx_id = e.tx_id, last_seq = e.seq, updated_at = now()
            from {module.Schema}.events e where p.name = $1 and e.seq = $2
            """, cancellationToken, projection.Name, events[^1].Sequence);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    public async Task RebuildAsync<TProjection>(CancellationToken cancellationToken = default)
        where TProjection : class, IAsyncProjection
    {
        var (module, projection) = Find<TProjection>();
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockAsync(connection, transaction, module, projection, wait: true, cancellationToken);
            await ProgressAsync(connection, transaction, module, projection, cancellationToken);
            await projection.ResetAsync(new ProjectionContext(connection, transaction, module.Schema), cancellationToken);
            await ExecuteAsync(connection, transaction,
                $"update {module.Schema}.projection_progress set last_tx_id = '0', last_seq = 0, updated_at = now() where name = $1",
                cancellationToken, projection.Name);
            await transaction.CommitAsync(cancellationToken);
        }

        await CatchUpAsync(module, projection, Timeout.InfiniteTimeSpan, cancellationToken);
    }

    public Task WaitForNonStaleDataAsync<TProjection>(TimeSpan timeout, CancellationToken cancellationToken = default)
        where TProjection : class, IAsyncProjection
    {
        var (module, projection) = Find<TProjection>();
        return CatchUpAsync(module, projection, timeout, cancellationToken);
    }

    private async Task CatchUpAsync(EventSerializer module, IAsyncProjection projection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        await using var highWater = database.CreateCommand($"select coalesce(max(seq), 0) from {module.Schema}.events");
        var highWaterMark = (long)(await highWater.ExecuteScalarAsync(cancellationToken))!;
        while (true)
        {
            if (await RunBatchAsync(module, projection, cancellationToken) == BatchSize)
            {
                continue;
            }

            if (!await HasPendingAsync(module, projection, highWaterMark, cancellationToken))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Projection '{projection.Name}' of {module.Schema} did not reach sequence {highWaterMark} within {timeout}");
            }

            await Task.Delay(PollStep, cancellationToken);
        }
    }

    private async Task<bool> HasPendingAsync(EventSerializer module, IAsyncProjection projection, long highWaterMark, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var (lastTxId, lastSeq) = await ProgressAsync(connection, null, module, projection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select exists (select 1 from {module.Schema}.events e where (e.tx_id, e.seq) > ($1::xid8, $2) and e.seq <= $3)", connection)
        {
            Parameters = { new() { Value = lastTxId }, new() { Value = lastSeq }, new() { Value = highWaterMark } },
        };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private (EventSerializer Module, IAsyncProjection Projection) Find<TProjection>()
        where TProjection : class, IAsyncProjection
    {
        var module = modules.FirstOrDefault(m => m.AsyncProjections.Contains(typeof(TProjection)))
            ?? throw new InvalidOperationException($"{typeof(TProjection).Name} is not registered as an async projection of any module");
        return (new EventSerializer(module), services.GetRequiredService<TProjection>());
    }

    private static async Task<bool> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, EventSerializer module, IAsyncProjection projection, bool wait, CancellationToken cancellationToken)
    {
        var sql = wait
            ? "select true from pg_advisory_xact_lock(hashtextextended($1, 0))"
            : "select pg_try_advisory_xact_lock(hashtextextended($1, 0))";
        await using var command = new NpgsqlCommand(sql, connection, transaction)
        {
            Parameters = { new() { Value = $"projection:{module.Schema}.{projection.Name}" } },
        };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Creates the progress row on first use; callers outside a transaction commit it at once, so others see it.
    private static async Task<(string TxId, long Seq)> ProgressAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, EventSerializer module, IAsyncProjection projection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction,
            $"insert into {module.Schema}.projection_progress (name) values ($1) on conflict (name) do nothing", cancellationToken, projection.Name);
        await using var command = new NpgsqlCommand(
            $"select last_tx_id::text, last_seq from {module.Schema}.projection_progress where name = $1", connection, transaction)
        {
            Parameters = { new() { Value = projection.Name } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetInt64(1));
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
