using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
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
        var (page, _) = await GetJsonAsync($"/api/catalog/entities/by-query?filter={filter}&limit=1");
        return page["totalItems"]!.GetValue<int>();
    }

    /// <summary>Every measurement; the labels end with the note, which tells runs of differently set hosts apart.</summary>
    public async Task RunAsync(IReadOnlyList<string> knownRefs, bool deepPaging, string note = "")
    {
        var random = new Random(7);
        await Latency.MeasureAsync($"by-query kind=component,spec.type=service limit=20{note}", TimeSpan.FromSeconds(10), 1000, async () => (await FirstPageAsync()).Elapsed);
        if (deepPaging)
        {
            await PageDeepAsync(pages: 50, walks: 10, note);
            await Latency.MeasureAsync($"entity-facets facet=spec.type filter=kind=component{note}", TimeSpan.FromSeconds(1), 300, FacetsAsync);
            await Latency.MeasureAsync($"by-refs 100 refs (95 known, 5 missing){note}", TimeSpan.FromSeconds(2), 500, () => ByRefsAsync(knownRefs, random));
        }
    }

    /// <summary>Each query once, for the database's plan log.</summary>
    public async Task RunOnceAsync(IReadOnlyList<string> knownRefs)
    {
        var first = await FirstPageAsync();
        await GetJsonAsync(NextPageUrl(first.Body));
        await FacetsAsync();
        await ByRefsAsync(knownRefs, new Random(7));
    }

    public void Dispose() => _client.Dispose();

    // Each walk follows nextCursor 50 pages from the first page; every page after the first walk is one sample.
    private async Task PageDeepAsync(int pages, int walks, string note)
    {
        var times = new List<double>();
        for (var walk = 0; walk < walks + 1; walk++)
        {
            var page = (await FirstPageAsync()).Body;
            for (var depth = 1; depth < pages; depth++)
            {
                (page, var elapsed) = await GetJsonAsync(NextPageUrl(page));
                Require(page["items"]!.AsArray().Count == 20, $"a full page {depth + 1}");
                if (walk > 0)
                {
                    times.Add(elapsed.TotalMilliseconds);
                }
            }
        }

        Console.WriteLine(Latency.Summary.Of($"by-query following nextCursor {pages} pages deep{note}", [.. times]));
    }

    private async Task<(JsonObject Body, TimeSpan Elapsed)> FirstPageAsync()
    {
        var page = await GetJsonAsync(ServiceQuery);
        Require(page.Body["items"]!.AsArray().Count == 20 && page.Body["totalItems"]!.GetValue<int>() > 20, "a full first page with totalItems");
        return page;
    }

    private static string NextPageUrl(JsonObject page)
    {
        var next = page["pageInfo"]?["nextCursor"]?.GetValue<string>();
        Require(next is not null, "a next cursor");
        // Backstage takes the limit from each request, not from the cursor (catalog-behaviour.md §4.3).
        return $"/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(next!)}&limit=20";
    }

    private async Task<TimeSpan> FacetsAsync()
    {
        var (facets, elapsed) = await GetJsonAsync("/api/catalog/entity-facets?facet=spec.type&filter=kind=component");
        Require(facets["facets"]!["spec.type"]!.AsArray().Count > 1, "spec.type facet counts");
        return elapsed;
    }

    private async Task<TimeSpan> ByRefsAsync(IReadOnlyList<string> knownRefs, Random random)
    {
        var refs = Enumerable.Range(0, 95).Select(_ => knownRefs[random.Next(knownRefs.Count)])
            .Concat(Enumerable.Range(0, 5).Select(i => $"component:default/missing-{i}")).ToArray();
        var body = JsonSerializer.Serialize(new { entityRefs = refs });
        var (answer, elapsed) = await ExchangeAsync(
            "POST /api/catalog/entities/by-refs", () => _client.PostAsync("/api/catalog/entities/by-refs", new StringContent(body, Encoding.UTF8, "application/json")));
        var items = answer["items"]!.AsArray();
        Require(items.Count == 100 && items[99] is null && items[0] is not null, "100 items in order, nulls for misses");
        return elapsed;
    }

    private Task<(JsonObject Body, TimeSpan Elapsed)> GetJsonAsync(string url) => ExchangeAsync($"GET {url}", () => _client.GetAsync(url));

    // Timed from sending the request to having read the whole answer; parsing and checking it come after.
    private static async Task<(JsonObject Body, TimeSpan Elapsed)> ExchangeAsync(string request, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await send();
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        return (JsonNode.Parse(body)!.AsObject(), elapsed);
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
