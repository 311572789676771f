using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Portal.Bench;

/// <summary>
/// The read workload of the catalog benchmark, against any Backstage-compatible catalog (Portal or the real
/// Backstage backend): every answer is checked, so a fast error never counts as a fast answer.
/// </summary>
internal sealed class CatalogQueries(string baseUrl, string token) : IDisposable
{
    public const string ServiceQuery = "/api/catalog/entities/by-query?filter=kind=component,spec.type=service&limit=20";

    private readonly HttpClient _client = CreateClient(baseUrl, token);

    public async Task<int> TotalItemsAsync(string filter)
    {
        var page = await GetJsonAsync($"/api/catalog/entities/by-query?filter={filter}&limit=1");
        return page["totalItems"]!.GetValue<int>();
    }

    public async Task<IReadOnlyList<Latency.Summary>> RunAsync(IReadOnlyList<string> knownRefs, bool deepPaging)
    {
        var random = new Random(7);
        var results = new List<Latency.Summary>
        {
            await Latency.MeasureAsync("by-query kind=component,spec.type=service limit=20", 100, 1000, _ => FirstPageAsync()),
        };

        if (deepPaging)
        {
            results.Add(await PageDeepAsync(pages: 50, walks: 10));
            results.Add(await Latency.MeasureAsync("entity-facets facet=spec.type filter=kind=component", 20, 300, _ => FacetsAsync()));
            results.Add(await Latency.MeasureAsync("by-refs 100 refs (95 known, 5 missing)", 50, 500, _ => ByRefsAsync(knownRefs, random)));
        }

        return results;
    }

    /// <summary>Each query once, for the database's plan log.</summary>
    public async Task RunOnceAsync(IReadOnlyList<string> knownRefs)
    {
        var first = await FirstPageAsync();
        await GetJsonAsync(NextPageUrl(first));
        await FacetsAsync();
        await ByRefsAsync(knownRefs, new Random(7));
    }

    public void Dispose() => _client.Dispose();

    // Each walk follows nextCursor 50 pages from the first page; every page after the first walk is one sample.
    private async Task<Latency.Summary> PageDeepAsync(int pages, int walks)
    {
        var times = new List<double>();
        for (var walk = 0; walk < walks + 1; walk++)
        {
            var page = await FirstPageAsync();
            for (var depth = 1; depth < pages; depth++)
            {
                var started = Stopwatch.GetTimestamp();
                page = await GetJsonAsync(NextPageUrl(page));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Require(page["items"]!.AsArray().Count == 20, $"a full page {depth + 1}");
                if (walk > 0)
                {
                    times.Add(elapsed);
                }
            }
        }

        var summary = Latency.Summary.Of($"by-query following nextCursor {pages} pages deep", [.. times]);
        Console.WriteLine(summary);
        return summary;
    }

    private async Task<JsonObject> FirstPageAsync()
    {
        var page = await GetJsonAsync(ServiceQuery);
        Require(page["items"]!.AsArray().Count == 20 && page["totalItems"]!.GetValue<int>() > 20, "a full first page with totalItems");
        return page;
    }

    private static string NextPageUrl(JsonObject page)
    {
        var next = page["pageInfo"]?["nextCursor"]?.GetValue<string>();
        Require(next is not null, "a next cursor");
        // Backstage takes the limit from each request, not from the cursor (catalog-behaviour.md §4.3).
        return $"/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(next!)}&limit=20";
    }

    private async Task FacetsAsync()
    {
        var facets = await GetJsonAsync("/api/catalog/entity-facets?facet=spec.type&filter=kind=component");
        Require(facets["facets"]!["spec.type"]!.AsArray().Count > 1, "spec.type facet counts");
    }

    private async Task ByRefsAsync(IReadOnlyList<string> knownRefs, Random random)
    {
        var refs = Enumerable.Range(0, 95).Select(_ => knownRefs[random.Next(knownRefs.Count)])
            .Concat(Enumerable.Range(0, 5).Select(i => $"component:default/missing-{i}")).ToArray();
        using var response = await _client.PostAsJsonAsync("/api/catalog/entities/by-refs", new { entityRefs = refs });
        response.EnsureSuccessStatusCode();
        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Require(items.Count == 100 && items[99] is null && items[0] is not null, "100 items in order, nulls for misses");
    }

    private async Task<JsonObject> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"unexpected answer: expected {what}");
        }
    }

    private static HttpClient CreateClient(string baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
