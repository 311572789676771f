using Microsoft.Extensions.Hosting;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Messaging;

public sealed class DeliveryAgentHostingTests
{
    private readonly BusRecorder _recorder = new();

    [Fact]
    public async Task A_message_pending_when_the_host_stops_is_delivered_by_the_next_host()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using (var first = await KernelHost.StartAsync(database, _recorder))
        {
            await first.StopAsync();
            await first.PublishAsync(new Ping("left behind"));
        }

        Assert.Equal(1, await BusTables.PendingAsync(database));
        using var second = await KernelHost.StartAsync(database, _recorder);

        await _recorder.WaitForAsync("left behind");
        await BusTables.UntilOutboxIsEmptyAsync(database);
        await second.StopAsync();
    }

    [Fact]
    public async Task Stopping_the_host_lets_the_message_in_hand_finish()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await host.PublishAsync(new Gated("in hand"));
        await _recorder.Gate.Entered;

        var stopping = host.StopAsync();
        _recorder.Gate.Release();
        await stopping;

        Assert.Single(_recorder.Received, r => r.Text == "in hand");
        Assert.Equal(0, await BusTables.PendingAsync(database));
        Assert.Equal(1, await BusTables.CountAsync(database, "select count(*) from bus.inbox"));
    }

    [Fact]
    public async Task Two_hosts_on_one_database_deliver_each_message_exactly_once()
    {
        const int Messages = 300;
        var database = await TestPostgres.CreateDatabaseAsync();
        using var first = await KernelHost.StartAsync(database, _recorder);
        using var second = await KernelHost.StartAsync(database, _recorder);

        await Task.WhenAll(
            PublishAsync(first, Enumerable.Range(0, Messages).Where(i => i % 2 == 0)),
            PublishAsync(second, Enumerable.Range(0, Messages).Where(i => i % 2 == 1)));
        await _recorder.WaitForAsync(r => r.Count >= Messages);
        await BusTables.UntilOutboxIsEmptyAsync(database);

        var texts = _recorder.Received.Select(r => r.Text).ToList();
        Assert.Equal(Messages, texts.Count);
        Assert.Equal(Messages, texts.Distinct().Count());
        Assert.Equal(Messages, await BusTables.CountAsync(database, "select count(*) from bus.inbox"));
        await Task.WhenAll(first.StopAsync(), second.StopAsync());
    }

    [Fact]
    public async Task The_listener_reconnects_after_its_connection_is_killed()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        const string Listeners = "select count(*) from pg_stat_activity where datname = current_database() and query = 'listen portal_bus'";
        // A poll far longer than the test: only a notification can deliver in time.
        using var host = await KernelHost.StartAsync(database, _recorder, pollMilliseconds: 600_000);
        await BusTables.UntilAsync(database, Listeners, 1);

        await BusTables.CountAsync(database,
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() and query = 'listen portal_bus'");
        await BusTables.UntilAsync(database, Listeners, 1);
        await host.PublishAsync(new Ping("after reconnect"));

        await _recorder.WaitForAsync("after reconnect");
        await host.StopAsync();
    }

    private static async Task PublishAsync(IHost host, IEnumerable<int> numbers)
    {
        foreach (var number in numbers)
        {
            await host.PublishAsync(new Ping($"message {number}"));
        }
    }
}
