using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Modules;
using Portal.SharedKernel.Tests.Messaging;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.EventStore;

/// <summary>A <see cref="KernelHost"/> on a fresh database, started so the migrator has run.</summary>
public sealed class EventStoreFixture : IAsyncLifetime
{
    private IHost? _host;

    internal string ConnectionString { get; private set; } = "";

    internal IServiceProvider Services => _host!.Services;

    /// <summary>What the bus test handlers of this host received.</summary>
    internal BusRecorder Recorder => Services.GetRequiredService<BusRecorder>();

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

    internal static Task<IHost> StartHostAsync(string connectionString) => KernelHost.StartAsync(connectionString, new BusRecorder());

    /// <summary>Runs one unit of work in its own scope, publishes <paramref name="messages"/> with it and saves it.</summary>
    internal async Task SaveAsync(Action<IEventOperations> work, OperationContext? operation = null, params object[] messages)
    {
        await using var scope = Services.CreateAsyncScope();
        if (operation is not null)
        {
            var context = scope.ServiceProvider.GetRequiredService<OperationContext>();
            (context.CorrelationId, context.CausationId, context.User, context.IsService) =
                (operation.CorrelationId, operation.CausationId, operation.User, operation.IsService);
        }

        var session = scope.ServiceProvider.GetRequiredService<IEventSession<TaskModule>>();
        work(session.Events);
        foreach (var message in messages)
        {
            await session.PublishAsync(message);
        }

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
