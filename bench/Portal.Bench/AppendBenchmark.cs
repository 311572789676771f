using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;
using Portal.Testing;

namespace Portal.Bench;

/// <summary>Appends 100,000 events over 10,000 streams, 100 streams × 10 events per SaveChanges, with an inline projection on.</summary>
internal static class AppendBenchmark
{
    private const int Streams = 10_000;
    private const int EventsPerStream = 10;
    private const int StreamsPerBatch = 100;

    public static async Task<int> RunAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = await TestPostgres.CreateDatabaseAsync("portal_bench"),
        });
        builder.Services.AddPortalModule<BenchModule>(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        await SaveBatchAsync(host.Services, "warm-up", 0);
        var batches = new List<double>();
        var total = Stopwatch.StartNew();
        for (var first = 0; first < Streams; first += StreamsPerBatch)
        {
            var batch = Stopwatch.StartNew();
            await SaveBatchAsync(host.Services, "stream", first);
            batches.Add(batch.Elapsed.TotalMilliseconds);
        }

        total.Stop();
        batches.Sort();
        var events = Streams * EventsPerStream;
        Console.WriteLine($"append: {events:N0} events over {Streams:N0} streams in {batches.Count} batches of {StreamsPerBatch * EventsPerStream} events, inline projection on");
        Console.WriteLine($"  total {total.Elapsed.TotalSeconds:F2} s = {events / total.Elapsed.TotalSeconds:N0} events/s");
        Console.WriteLine($"  per batch p50 {Percentile(batches, 0.50):F1} ms, p95 {Percentile(batches, 0.95):F1} ms, max {batches[^1]:F1} ms");
        await host.StopAsync();
        return 0;
    }

    private static async Task SaveBatchAsync(IServiceProvider services, string prefix, int first)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IEventSession<BenchModule>>();
        for (var stream = first; stream < first + StreamsPerBatch; stream++)
        {
            session.Events.StartStream<object>(
                $"{prefix}-{stream}", Enumerable.Range(1, EventsPerStream).Select(i => (object)new ItemAdded($"sku-{i}", i)).ToArray());
        }

        await session.SaveChangesAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    private sealed record ItemAdded(string Sku, int Quantity);

    private sealed class BenchModule : IPortalModule
    {
        public string Schema => "bench";

        public string BasePath => "/api/bench";

        public ErrorStyle ErrorStyle => ErrorStyle.Plugin;

        public void Register(ModuleBuilder module)
        {
            module.Events.Add<ItemAdded>("item-added");
            module.Database.Migration(1, "item counts", "create table bench.item_counts (stream_id text primary key, items bigint not null)");
            module.Projections.Inline<ItemCounts>();
        }
    }

    private sealed class ItemCounts : IInlineProjection
    {
        public Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
        {
            var totals = events.GroupBy(e => e.StreamId).Select(g => (Stream: g.Key, Items: g.Sum(e => (long)((ItemAdded)e.Data).Quantity))).ToList();
            return context.Connection.ExecuteAsync(
                """
                insert into bench.item_counts (stream_id, items) select * from unnest(@Streams, @Items)
                on conflict (stream_id) do update set items = item_counts.items + excluded.items
                """,
                new { Streams = totals.Select(t => t.Stream).ToArray(), Items = totals.Select(t => t.Items).ToArray() },
                context.Transaction);
        }
    }
}
