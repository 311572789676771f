using Portal.SharedKernel.Tests.Messaging;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Integration;

public sealed class BusActivityTests
{
    private readonly BusRecorder _recorder = new();

    [Fact]
    public async Task Waiting_for_the_bus_to_be_idle_returns_after_every_published_message_was_handled()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        for (var i = 0; i < 20; i++)
        {
            await host.PublishAsync(new Ping($"ping {i}"));
        }

        await host.Services.WaitForBusIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(20, _recorder.Received.Count(r => r.Handler == nameof(PingHandler)));
        Assert.Equal(20, await BusTables.CountAsync(database, "select count(*) from bus.inbox"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Waiting_for_the_bus_to_be_idle_times_out_naming_the_message_in_flight()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        using var host = await KernelHost.StartAsync(database, _recorder);
        await host.PublishAsync(new Gated("stuck"));
        await _recorder.Gate.Entered;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => host.Services.WaitForBusIdleAsync(TimeSpan.FromMilliseconds(300)));
        _recorder.Gate.Release();
        await host.Services.WaitForBusIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Contains($"{typeof(Gated).FullName} -> {typeof(GatedHandler).FullName}: in flight", error.Message);
        Assert.Single(_recorder.Received, r => r.Text == "stuck");
        await host.StopAsync();
    }
}
