using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.Modules.Catalog;
using Portal.Modules.Catalog.Contracts;
using Portal.SharedKernel.Mediator;
using Portal.SharedKernel.Modules;
using Portal.SharedKernel.Postgres;

namespace Portal.Bench;

/// <summary>
/// catalog &lt;entities&gt; &lt;Portal.Host.dll&gt; [--explain]: bulk-writes a generated catalog through the in-process
/// UpsertEntities command into a durable PostgreSQL, starts the real host on it and measures the read workload
/// over HTTP with one client, then by-query throughput with 16 clients (hey), then the host's memory.
/// With --keep &lt;dir&gt; the cluster lives in dir and is kept: a later run on the same dir skips the bulk write,
/// so read paths can be measured again in seconds.
/// </summary>
internal static class CatalogBenchmark
{
    private const string Token = "bench-token-4d7c2a9e0b1f46e3a8c5d9e2f7a1b3c6";
    private const int BatchSize = 1000;

    // One save keeps one PostgreSQL backend busy and the .NET side a third of the other core; two writers use both cores.
    private const int Writers = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(args[0]);
        var hostDll = Path.GetFullPath(args[1]);
        var explain = args.Contains("--explain");
        var keepAt = Array.IndexOf(args, "--keep");
        var kept = keepAt > 0 ? Path.GetFullPath(args[keepAt + 1]) : null;
        var root = kept ?? Path.Combine(Path.GetTempPath(), "portal-bench-catalog", Guid.NewGuid().ToString("N"));
        var loaded = kept is not null && File.Exists(Path.Combine(kept, "loaded"));
        var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = Path.Combine(root, "pg") }, NullLogger.Instance);
        try
        {
            if (!loaded)
            {
                await postgres.CreateDatabaseAsync("portal");
            }

            await MeasureAsync(postgres, count, hostDll, explain, loaded);
            if (kept is not null)
            {
                await File.WriteAllTextAsync(Path.Combine(kept, "loaded"), $"{count}");
            }
        }
        finally
        {
            await postgres.StopAsync();
            if (kept is null)
            {
                Directory.Delete(postgres.DataDirectory, recursive: true);
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(PostgresServer postgres, int count, string hostDll, bool explain, bool loaded)
    {
        var connectionString = postgres.ConnectionString("portal");
        var refs = await LoadAsync(connectionString, count, loaded);

        if (explain)
        {
            await PlanLogging.EnableAsync(connectionString);
        }

        using (var host = await PortalProcess.StartAsync(hostDll, connectionString, Token))
        {
            await WaitForStitchingAsync(connectionString);
            using var queries = new CatalogQueries(host.BaseUrl, Token);
            Console.WriteLine($"services: {await queries.TotalItemsAsync("kind=component,spec.type=service"):N0} of {await queries.TotalItemsAsync("kind=component"):N0} components");
            if (explain)
            {
                await queries.RunOnceAsync(refs.Take(100).ToList());
                Console.WriteLine(PlanLogging.Read(postgres.DataDirectory));
                return;
            }

            await queries.RunAsync(refs, deepPaging: true);
            await Throughput.RunAsync($"{host.BaseUrl}{CatalogQueries.ServiceQuery}", Token, clients: 16, seconds: 20);
            Console.WriteLine($"host memory: {host.Memory()}");
        }

        await MeasureUncachedAsync(connectionString, hostDll, refs);
    }

    // Every read as the first one after a write: the read cache reuses an answer only until the catalog changes.
    private static async Task MeasureUncachedAsync(string connectionString, string hostDll, IReadOnlyList<string> refs)
    {
        Console.WriteLine("== the same reads with the read cache off (Catalog:QueryCache:Megabytes=0)");
        using var host = await PortalProcess.StartAsync(hostDll, connectionString, Token, "--Catalog:QueryCache:Megabytes=0");
        using var queries = new CatalogQueries(host.BaseUrl, Token);
        await queries.RunAsync(refs, deepPaging: true, " (read cache off)");
        await Throughput.RunAsync($"{host.BaseUrl}{CatalogQueries.ServiceQuery}", Token, clients: 16, seconds: 20);
    }

    // Only the refs outlive the load: the generated entities would otherwise sit in this process's heap, and its
    // collections in the measured client's latencies.
    private static async Task<IReadOnlyList<string>> LoadAsync(string connectionString, int count, bool loaded)
    {
        var entities = CatalogData.Generate(count);
        if (!loaded)
        {
            await BulkWriteAsync(connectionString, entities);
            await AnalyzeAsync(connectionString);
        }

        return entities.Select(RefOf).ToList();
    }

    // Autovacuum would vacuum and analyze the freshly loaded tables within about a minute; doing it now makes the measured
    // plans those of a settled catalog from the first request instead of depending on when the daemon got to it.
    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("vacuum analyze catalog.entities, catalog.search, catalog.relations", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    // The host stitches relations into the entity rows once the catalog is quiet, then records the changed ones in the
    // entities' streams; reads are measured on the settled catalog.
    private static async Task WaitForStitchingAsync(string connectionString)
    {
        var started = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await WaitUntilNoneAsync(connection, "select count(*) from catalog.entities where relations is null");
        Console.WriteLine($"relations stitched {started.Elapsed.TotalSeconds:F1} s after the host was ready");
        await WaitUntilNoneAsync(connection, "select count(*) from catalog.entities where relations_unrecorded");
        await using var recorded = new NpgsqlCommand("select count(*) from catalog.events where type = 'catalog.entity-relations-stitched'", connection);
        Console.WriteLine($"relations recorded in {(long)(await recorded.ExecuteScalarAsync())!:N0} entity streams {started.Elapsed.TotalSeconds:F1} s after the host was ready");
    }

    private static async Task WaitUntilNoneAsync(NpgsqlConnection connection, string countSql)
    {
        await using var count = new NpgsqlCommand(countSql, connection);
        while ((long)(await count.ExecuteScalarAsync())! > 0)
        {
            await Task.Delay(200);
        }
    }

    private static string RefOf(JsonObject entity) =>
        $"{entity["kind"]!.GetValue<string>().ToLowerInvariant()}:default/{entity["metadata"]!["name"]!.GetValue<string>()}";

    private static async Task BulkWriteAsync(string connectionString, IReadOnlyList<JsonObject> entities)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Portal"] = connectionString;
        builder.Services.AddPortalModule<CatalogModule>(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        var batches = new ConcurrentBag<double>();
        var total = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            entities.Chunk(BatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = Writers },
            async (batch, cancellationToken) =>
            {
                var started = Stopwatch.GetTimestamp();
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new UpsertEntities(batch), cancellationToken);
                batches.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            });

        total.Stop();
        Console.WriteLine($"bulk write: {entities.Count:N0} entities in {batches.Count} UpsertEntities batches of {BatchSize}, {Writers} at a time: " +
                          $"{total.Elapsed.TotalSeconds:F1} s = {entities.Count / total.Elapsed.TotalSeconds:N0} entities/s");
        Console.WriteLine(Latency.Summary.Of("  per batch", [.. batches]));
        await host.StopAsync();
    }
}
