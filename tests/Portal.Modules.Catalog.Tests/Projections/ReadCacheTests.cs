using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Features.Entities;
using Portal.Modules.Catalog.Tests.Features;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.Features.CatalogRun;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Projections;

// Repeated by-query pages, totals and facets are served from memory while the catalog's read version stands still:
// asking the same thing again after any write, here or on another host over the same database, must show that write.
public sealed class ReadCacheTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    private async Task<JsonElement> GetAsync(string url)
    {
        var result = await _client.GetScenario(url);
        result.StatusCodeShouldBe(HttpStatusCode.OK);
        return result.Json();
    }

    private async Task<string> FirstRelationsAsync(string url) => (await GetAsync(url)).GetProperty("items")[0].GetProperty("relations").GetRawText();

    private async Task<string?> FirstFacetValueAsync(string url) =>
        (await GetAsync(url)).GetProperty("facets").EnumerateObject().First().Value[0].GetProperty("value").GetString();

    private static string[] Descriptions(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("description").GetString()!).ToArray();

    [Fact]
    public async Task A_repeated_page_shows_every_later_update_addition_and_removal()
    {
        var run = new CatalogRun(app);
        var (first, second) = (Unique("a"), Unique("b"));
        var created = await run.SeedAsync(With(Component(first), "metadata.description", "before"));
        var url = $"/api/catalog/entities/by-query?filter={run.Filter}&orderField=metadata.name,asc";
        Assert.Equal(["before"], Descriptions(await GetAsync(url)));
        Assert.Equal(["before"], Descriptions(await GetAsync(url)));

        await run.SeedAsync(With(Component(first), "metadata.description", "after"));
        Assert.Equal(["after"], Descriptions(await GetAsync(url)));

        await run.SeedAsync(With(Component(second), "metadata.description", "added"));
        var grown = await GetAsync(url);
        Assert.Equal(["after", "added"], Descriptions(grown));
        Assert.Equal(2, grown.GetProperty("totalItems").GetInt32());

        await app.Services.SendAsync(new RemoveEntity(created[0].Uid));
        var shrunk = await GetAsync(url);
        Assert.Equal(["added"], Descriptions(shrunk));
        Assert.Equal(1, shrunk.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task A_repeated_page_shows_relations_that_writes_of_other_entities_add_or_take_away()
    {
        var run = new CatalogRun(app);
        var team = Unique("team");
        await run.SeedAsync(Group(team));
        var url = $"/api/catalog/entities/by-query?filter={run.Filter},kind=group&fields=relations";
        Assert.Equal("[]", await FirstRelationsAsync(url));

        var owned = await run.SeedAsync(Component(Unique("svc"), owner: team));
        Assert.Equal($$"""[{"type":"ownerOf","targetRef":"{{owned[0].EntityRef}}"}]""", await FirstRelationsAsync(url));

        await app.Services.SendAsync(new RemoveEntity(owned[0].Uid));
        Assert.Equal("[]", await FirstRelationsAsync(url));
    }

    [Fact]
    public async Task A_repeated_cursor_page_shows_a_later_update_and_keeps_the_cursor_total()
    {
        var run = new CatalogRun(app);
        var names = Enumerable.Range(0, 3).Select(i => $"{i}-{Unique("c")}").ToArray();
        await run.SeedAsync([.. names.Select(n => With(Component(n), "metadata.description", "old"))]);
        var first = await GetAsync($"/api/catalog/entities/by-query?filter={run.Filter}&orderField=metadata.name,asc&limit=2");
        var next = $"/api/catalog/entities/by-query?cursor={Uri.EscapeDataString(first.GetProperty("pageInfo").GetProperty("nextCursor").GetString()!)}&limit=2";
        Assert.Equal(["old"], Descriptions(await GetAsync(next)));

        await run.SeedAsync(With(Component(names[2]), "metadata.description", "new"));

        var again = await GetAsync(next);
        Assert.Equal(["new"], Descriptions(again));
        Assert.Equal(3, again.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Writes_through_another_host_on_the_same_database_show_on_the_next_read()
    {
        var run = new CatalogRun(app);
        var name = Unique("svc");
        await run.SeedAsync(With(Component(name), "metadata.description", "first host"));
        var url = $"/api/catalog/entities/by-query?filter={run.Filter}";
        var facets = $"/api/catalog/entity-facets?facet=metadata.description&filter={run.Filter}";
        Assert.Equal(["first host"], Descriptions(await GetAsync(url)));
        Assert.Equal("first host", await FirstFacetValueAsync(facets));

        await using var other = await BareCatalogHost.StartAsync(app.ConnectionString);
        var entity = With(Component(name), "metadata.description", "other host");
        entity["metadata"]!["labels"] = new JsonObject { ["run"] = run.Id };
        await other.Services.SendAsync(new UpsertEntities([entity]));

        Assert.Equal(["other host"], Descriptions(await GetAsync(url)));
        Assert.Equal("other host", await FirstFacetValueAsync(facets));
    }

    [Fact]
    public async Task Another_host_reading_in_process_sees_writes_made_here_on_its_next_read()
    {
        await using var other = await BareCatalogHost.StartAsync(app.ConnectionString);
        var run = new CatalogRun(app);
        var name = Unique("svc");
        await run.SeedAsync(With(Component(name), "metadata.description", "one"));
        var query = new QueryEntities([run.Filter]);
        await other.Services.SendAsync(query);
        Assert.Equal("one", (await other.Services.SendAsync(query)).Items[0]["metadata"]!["description"]!.GetValue<string>());

        await run.SeedAsync(With(Component(name), "metadata.description", "two"));

        var page = await other.Services.SendAsync(query);
        Assert.Equal(("two", 1), (page.Items[0]["metadata"]!["description"]!.GetValue<string>(), page.TotalItems));
    }

    [Fact]
    public async Task An_unchanged_catalog_answers_a_repeated_page_from_memory_until_a_write()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component(Unique("svc")));
        var query = new GetEntitiesByQuery([run.Filter]);
        var first = await app.Services.SendAsync(query);

        Assert.Same(first, await app.Services.SendAsync(query));

        await run.SeedAsync(Component(Unique("svc")));
        var afterWrite = await app.Services.SendAsync(query);
        Assert.NotSame(first, afterWrite);
        Assert.Equal(2, afterWrite.TotalItems);
    }

    [Fact]
    public async Task With_the_cache_off_every_read_goes_to_the_database()
    {
        await using var uncached = await BareCatalogHost.StartAsync(
            app.ConnectionString, (_, configuration) => configuration["Catalog:QueryCache:Megabytes"] = "0");
        var run = new CatalogRun(app);
        await run.SeedAsync(Component(Unique("svc")));
        var query = new GetEntitiesByQuery([run.Filter]);

        Assert.NotSame(await uncached.Services.SendAsync(query), await uncached.Services.SendAsync(query));
    }
}
