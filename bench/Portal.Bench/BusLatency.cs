using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;
using Portal.Testing;

namespace Portal.Bench;

// Commit -> handler latency of the durable bus: messages published one by one, each in its own transaction.
public static class BusLatency
{
    private const int WarmUp = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Length > 0 ? int.Parse(args[0]) : 2_000;
        var database = await TestPostgres.CreateDatabaseAsync("portal_bench");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Portal"] = database;
        builder.Services.AddPortalModule<BusBenchModule>(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        var probes = host.Services.GetRequiredService<ProbeLog>();

        await PublishAsync(host, -WarmUp, 0, new long[WarmUp], new long[WarmUp]);
        await probes.WaitForAsync(WarmUp);

        var started = new long[count];
        var committed = new long[count];
        var clock = Stopwatch.StartNew();
        await PublishAsync(host, 0, count, started, committed);
        var publishing = clock.Elapsed;
        await probes.WaitForAsync(WarmUp + count);
        Console.WriteLine($"published in {publishing.TotalMilliseconds:F0} ms, all handled after {clock.Elapsed.TotalMilliseconds:F0} ms");

        var afterCommit = Enumerable.Range(0, count).Select(i => Milliseconds(committed[i], probes.ReceivedAt(i))).ToArray();
        var afterPublishCall = Enumerable.Range(0, count).Select(i => Milliseconds(started[i], probes.ReceivedAt(i))).ToArray();
        Console.WriteLine($"bus latency, {count} messages published one by one (each its own transaction), PostgreSQL on loopback");
        Report("commit returned -> handler", afterCommit);
        Report("publish called  -> handler", afterPublishCall);
        await host.StopAsync();
        await TestPostgres.DropDatabaseAsync(database);
        return 0;
    }

    private static async Task PublishAsync(IHost host, int from, int to, long[] started, long[] committed)
    {
        for (var i = from; i < to; i++)
        {
            var slot = i - from;
            await using var scope = host.Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            started[slot] = Stopwatch.GetTimestamp();
            await bus.PublishAsync(new LatencyProbe(i));
            committed[slot] = Stopwatch.GetTimestamp();
        }
    }

    // The handler can run before PublishAsync returns to its caller; that counts as zero.
    private static double Milliseconds(long from, long to) => Math.Max(0, Stopwatch.GetElapsedTime(from, to).TotalMilliseconds);

    private static void Report(string label, double[] samples)
    {
        Array.Sort(samples);
        double At(double quantile) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(quantile * samples.Length) - 1)];
        Console.WriteLine($"{label}: p50 {At(0.50):F2} ms  p95 {At(0.95):F2} ms  p99 {At(0.99):F2} ms  max {samples[^1]:F2} ms");
    }
}

internal sealed record LatencyProbe(int Number);

internal sealed class BusBenchModule : IPortalModule
{
    public string Schema => "bus_bench";

    public string BasePath => "/api/bus-bench";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module) => module.Services.AddSingleton<ProbeLog>();
}

internal sealed class LatencyProbeHandler(ProbeLog log) : IMessageHandler<LatencyProbe>
{
    public Task Handle(LatencyProbe message, CancellationToken cancellationToken)
    {
        log.Received(message.Number, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}

internal sealed class ProbeLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, long> _receivedAt = [];
    private (int Expected, TaskCompletionSource Done)? _waiter;

    public void Received(int number, long timestamp)
    {
        TaskCompletionSource? done = null;
        lock (_gate)
        {
            _receivedAt.TryAdd(number, timestamp);
            if (_waiter is { } waiter && _receivedAt.Count >= waiter.Expected)
            {
                done = waiter.Done;
                _waiter = null;
            }
        }

        done?.SetResult();
    }

    public long ReceivedAt(int number)
    {
        lock (_gate)
        {
            return _receivedAt[number];
        }
    }

    public Task WaitForAsync(int expected)
    {
        lock (_gate)
        {
            if (_receivedAt.Count >= expected)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (expected, done);
            return done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
    }
}
