using Npgsql;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Messaging;

public sealed class DeliveryFailureTests
{
    private const int CallsPerAttempt = 2; // the first call and one in-process retry (Bus:HandlerRetries = 1)

    private readonly BusRecorder _recorder = new();

    [Fact]
    public async Task A_handler_that_always_fails_lands_in_dead_letters_after_the_maximum_attempts()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);

        await host.PublishAsync(new Doomed("hopeless"));
        await BusTables.UntilAsync(database, "select count(*) from bus.dead_letters", 1);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("select attempts, error, handler, body->>'text' from bus.dead_letters", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(KernelHost.MaxAttempts, reader.GetInt32(0));
        Assert.Contains("hopeless is doomed", reader.GetString(1));
        Assert.Equal(typeof(DoomedHandler).FullName, reader.GetString(2));
        Assert.Equal("hopeless", reader.GetString(3));
        Assert.Equal(0, await BusTables.PendingAsync(database));
        Assert.Equal(KernelHost.MaxAttempts * CallsPerAttempt, _recorder.Attempts("hopeless"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_dead_letter_keeps_whether_a_service_published_it()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);

        await host.PublishAsync(new Doomed("service job"), "catalog-sync", isService: true);
        await host.PublishAsync(new Doomed("user job"), "user:default/jane");
        await BusTables.UntilAsync(database, "select count(*) from bus.dead_letters", 2);

        Assert.Equal(1, await BusTables.CountAsync(database, "select count(*) from bus.dead_letters where is_service and body->>'text' = 'service job'"));
        Assert.Equal(1, await BusTables.CountAsync(database, "select count(*) from bus.dead_letters where not is_service and body->>'text' = 'user job'"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_that_fails_twice_then_succeeds_handles_the_message_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);

        await host.PublishAsync(new Flaky("shaky"));
        await _recorder.WaitForAsync("shaky");
        await BusTables.UntilOutboxIsEmptyAsync(database);

        Assert.Single(_recorder.Received, r => r.Text == "shaky");
        Assert.Equal(3, _recorder.Attempts("shaky"));
        Assert.Equal(1, await BusTables.CountAsync(database, "select count(*) from bus.inbox"));
        Assert.Equal(0, await BusTables.CountAsync(database, "select count(*) from bus.dead_letters"));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_same_message_id_twice_is_handled_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await host.WriteToOutboxAsync(transaction, new Ping("twice"));
            await using var copy = new NpgsqlCommand("""
                insert into bus.outbox (message_id, message_type, handler, body, correlation_id)
                select message_id, message_type, handler, body, correlation_id from bus.outbox
                """, connection, transaction);
            Assert.Equal(1, await copy.ExecuteNonQueryAsync());
            await transaction.CommitAsync();
        }

        await _recorder.WaitForAsync("twice");
        await BusTables.UntilOutboxIsEmptyAsync(database);

        Assert.Single(_recorder.Received, r => r.Text == "twice");
        await host.StopAsync();
    }
}
