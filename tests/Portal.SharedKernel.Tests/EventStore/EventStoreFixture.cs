using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Modules;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.EventStore;

/// <summary>A bare host with <see cref="TaskModule"/> on a fresh database, started so the migrator has run.</summary>
public sealed class EventStoreFixture : IAsyncLifetime
{
    private IHost? _host;

    internal string ConnectionString { get; private set; } = "";

    internal IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        _host = await StartHostAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
    }

    internal static async Task<IHost> StartHostAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connectionString,
            ["EventStore:AsyncPollMilliseconds"] = "50",
        });
        builder.Services.AddPortalModule<TaskModule>(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Runs one unit of work in its own scope and saves it.</summary>
    internal async Task SaveAsync(Action<IEventOperations> work, OperationContext? operation = null)
    {
        await using var scope = Services.CreateAsyncScope();
        if (operation is not null)
        {
            var context = scope.ServiceProvider.GetRequiredService<OperationContext>();
            (context.CorrelationId, context.CausationId, context.User) = (operation.CorrelationId, operation.CausationId, operation.User);
        }

        var session = scope.ServiceProvider.GetRequiredService<IEventSession<TaskModule>>();
        work(session.Events);
        await session.SaveChangesAsync();
    }

    internal async Task<T> ReadAsync<T>(Func<IEventOperations, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<IEventSession<TaskModule>>().Events);
    }

    internal async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    internal static string NewStreamId() => $"task-{Guid.NewGuid():N}";
}
