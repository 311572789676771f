using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Messaging;

public sealed class OutboxDeliveryTests
{
    private readonly BusRecorder _recorder = new();

    [Fact]
    public async Task A_message_written_in_a_transaction_is_delivered_only_after_commit()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await host.WriteToOutboxAsync(transaction, new Ping("held"));

        // A later message overtaking it proves the agent ran while the first was still uncommitted.
        await host.PublishAsync(new Ping("fence"));
        await _recorder.WaitForAsync("fence");
        Assert.DoesNotContain(_recorder.Received, r => r.Text == "held");

        await transaction.CommitAsync();
        await _recorder.WaitForAsync("held");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_rolled_back_message_is_never_delivered()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await host.WriteToOutboxAsync(transaction, new Ping("rolled back"));
            await transaction.RollbackAsync();
        }

        await host.PublishAsync(new Ping("fence"));
        await _recorder.WaitForAsync("fence");
        await BusTables.UntilOutboxIsEmptyAsync(database);

        Assert.DoesNotContain(_recorder.Received, r => r.Text == "rolled back");
        await host.StopAsync();
    }

    [Fact]
    public async Task Each_subscriber_of_a_message_type_gets_it_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);

        await host.PublishAsync(new Audited("audit me"));
        await _recorder.WaitForAsync(r => r.Count(x => x.Text == "audit me") == 2);
        await BusTables.UntilOutboxIsEmptyAsync(database);

        var handlers = _recorder.Received.Where(r => r.Text == "audit me").Select(r => r.Handler).Order();
        Assert.Equal([nameof(FirstAuditHandler), nameof(SecondAuditHandler)], handlers);
        Assert.Single(_recorder.Received.Select(r => r.MessageId).Distinct());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_sees_the_publisher_correlation_and_user_and_the_message_id_as_causation()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<OperationContext>();
            context.CorrelationId = "req-42";
            context.User = "user:default/jane";
            await scope.ServiceProvider.GetRequiredService<IOutbox>()
                .WriteAsync(connection, transaction, [new Ping("with context")], CancellationToken.None);
        }

        await transaction.CommitAsync();
        var received = (await _recorder.WaitForAsync("with context")).Single(r => r.Text == "with context");

        Assert.Equal("req-42", received.CorrelationId);
        Assert.Equal("user:default/jane", received.User);
        await BusTables.UntilAsync(database, "select count(*) from bus.inbox where message_id = $1", 1, Guid.Parse(received.MessageId!));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_runs_as_a_service_only_when_the_publisher_was_one()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);

        await host.PublishAsync(new Ping("from a service"), "catalog-sync", isService: true);
        await host.PublishAsync(new Ping("from a user"), "user:default/jane");
        var received = await _recorder.WaitForAsync(r => r.Count(x => x.Handler == nameof(PingHandler)) == 2);

        Assert.True(received.Single(r => r.Text == "from a service").IsService);
        Assert.False(received.Single(r => r.Text == "from a user").IsService);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_nobody_subscribes_to_writes_no_outbox_row()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);

        await host.PublishAsync(new Unheard("anyone?"));

        Assert.Equal(0, await BusTables.PendingAsync(database));
        await host.StopAsync();
    }

    [Fact]
    public async Task InvokeAsync_returns_the_response_of_the_request_handler()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await using var scope = host.Services.CreateAsyncScope();

        var response = await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new Echo("hello"));

        Assert.Equal("echo: hello", response);
        await host.StopAsync();
    }
}
