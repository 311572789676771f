using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.SharedKernel.Postgres;

namespace Portal.Bench;

/// <summary>
/// locations &lt;entities&gt; &lt;Portal.Host.dll&gt; &lt;yaml-dir&gt;: registers the benchmark catalog written as YAML
/// (catalog-yaml: 100 files under a root Location) as one file location on a fresh host and measures how long until
/// every entity is queryable, then a refresh with nothing changed and a refresh after editing one file, counting the
/// events each wrote. The host's own "Processed location" log line marks the end of each processing.
/// </summary>
internal static class LocationBenchmark
{
    private const string Token = "bench-token-4d7c2a9e0b1f46e3a8c5d9e2f7a1b3c6";
    private const string AllKinds = "kind=component,kind=api,kind=system,kind=group,kind=user";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(args[0]);
        var hostDll = Path.GetFullPath(args[1]);
        var root = CatalogData.WriteYamlTree(CatalogData.Generate(count), Path.GetFullPath(args[2]), files: 100);
        var data = Path.Combine(Path.GetTempPath(), "portal-bench-locations", Guid.NewGuid().ToString("N"));
        var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = data }, NullLogger.Instance);
        try
        {
            await postgres.CreateDatabaseAsync("portal");
            await MeasureAsync(postgres.ConnectionString("portal"), hostDll, root, count);
        }
        finally
        {
            await postgres.StopAsync();
            Directory.Delete(postgres.DataDirectory, recursive: true);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(string connectionString, string hostDll, string root, int count)
    {
        using var host = await PortalProcess.StartAsync(
            hostDll, connectionString, Token,
            $"--Catalog:Locations:FileRoots:0={Path.GetDirectoryName(root)}",
            "--Serilog:MinimumLevel:Override:Portal.Modules.Catalog.Infrastructure.Locations=Information");
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var started = Stopwatch.StartNew();
        using (var registered = await client.PostAsJsonAsync("/api/catalog/locations", new { type = "file", target = root }))
        {
            Require(registered.IsSuccessStatusCode, $"POST /locations answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()}");
            Console.WriteLine($"POST /locations answered {(int)registered.StatusCode} after {started.Elapsed.TotalSeconds:F2} s (the target is read and validated before the answer)");
        }

        while (await TotalAsync(client) < count)
        {
            Require(started.Elapsed < Patience, $"{count} entities within {Patience}");
            // Each poll counts every entity anew while writes land; polling faster would slow the ingestion it times.
            await Task.Delay(200);
        }

        Console.WriteLine($"all {count:N0} entities queryable {started.Elapsed.TotalSeconds:F2} s after the POST");
        await host.NextLineAsync("Processed location", Patience);

        var events = await EventCountAsync(connectionString);
        var refresh = await RefreshAsync(client, host);
        Console.WriteLine($"refresh, nothing changed: processed {refresh.TotalSeconds:F2} s after POST /refresh; events written besides the refresh request: {await EventCountAsync(connectionString) - events - 1}");

        var edited = Path.Combine(Path.GetDirectoryName(root)!, "part-042.yaml");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(edited)).Replace("generated for the catalog benchmark", "edited for the refresh benchmark", StringComparison.Ordinal));
        events = await EventCountAsync(connectionString);
        refresh = await RefreshAsync(client, host);
        Console.WriteLine($"refresh, one file of {count / 100} entities edited: processed {refresh.TotalSeconds:F2} s after POST /refresh; " +
                          $"events written besides the refresh request: {await EventCountAsync(connectionString) - events - 1}");
    }

    private static async Task<TimeSpan> RefreshAsync(HttpClient client, PortalProcess host)
    {
        var started = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/catalog/refresh", new { entityRef = "location:default/bench-root" });
        Require(response.IsSuccessStatusCode, $"POST /refresh answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await host.NextLineAsync("Processed location", Patience);
        return started.Elapsed;
    }

    private static async Task<int> TotalAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/catalog/entities/by-query?filter={AllKinds}&limit=1");
        return page!["totalItems"]!.GetValue<int>();
    }

    private static async Task<long> EventCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from catalog.events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"unexpected: expected {what}");
        }
    }
}
