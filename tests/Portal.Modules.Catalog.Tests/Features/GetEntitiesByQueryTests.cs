using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Contracts;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.Features.CatalogRun;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class GetEntitiesByQueryTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    private async Task<JsonElement> QueryAsync(string query)
    {
        var result = await _client.GetScenario($"/api/catalog/entities/by-query?{query}");
        result.StatusCodeShouldBe(HttpStatusCode.OK);
        return result.Json();
    }

    private static string Url(string cursor) => $"cursor={Uri.EscapeDataString(cursor)}";

    [Fact]
    public async Task Filters_are_case_insensitive_and_ANDed_within_a_set()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("svc-a"), Component("lib-b", type: "library"), Api("api-c"));

        var page = await QueryAsync($"filter={run.Filter},KIND=COMPONENT,Spec.Type=Service");

        Assert.Equal(["svc-a"], page.GetProperty("items").Names());
        Assert.Equal(1, page.GetProperty("totalItems").GetInt32());
        Assert.Equal("{}", page.GetProperty("pageInfo").GetRawText());
        Assert.Equal("Component", page.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Several_filter_parameters_are_ORed_and_values_of_one_key_form_a_set()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("svc-a"), Component("lib-b", type: "library"), Api("api-c"), Group("team-d"));

        var ored = await QueryAsync($"filter={run.Filter},kind=component,spec.type=service&filter={run.Filter},kind=api&orderField=metadata.name,asc");
        var set = await QueryAsync($"filter={run.Filter},kind=group,kind=api&orderField=metadata.name,asc");

        Assert.Equal(["api-c", "svc-a"], ored.GetProperty("items").Names());
        Assert.Equal(["api-c", "team-d"], set.GetProperty("items").Names());
    }

    [Fact]
    public async Task A_bare_key_tests_existence_and_array_items_match_one_by_one()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(
            With(Component("tagged"), "metadata.tags", new JsonArray("java", "go")),
            With(Component("titled"), "metadata.title", "Titled"),
            Component("plain"));

        Assert.Equal(["tagged"], (await QueryAsync($"filter={run.Filter},metadata.tags")).GetProperty("items").Names());
        Assert.Equal(["tagged"], (await QueryAsync($"filter={run.Filter},metadata.tags=GO")).GetProperty("items").Names());
        Assert.Equal(["tagged"], (await QueryAsync($"filter={run.Filter},metadata.tags.java")).GetProperty("items").Names());
        Assert.Equal(["titled"], (await QueryAsync($"filter={run.Filter},metadata.title")).GetProperty("items").Names());
        Assert.Empty((await QueryAsync($"filter={run.Filter},metadata")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Relation_filters_match_full_lower_case_target_refs()
    {
        var run = new CatalogRun(app);
        var team = Unique("team");
        await run.SeedAsync(Component("owned", owner: team), Component("other"), Group(team));

        var byRef = await QueryAsync($"filter={run.Filter},relations.ownedBy=group:default/{team.ToUpperInvariant()}");
        var byName = await QueryAsync($"filter={run.Filter},relations.ownedby={team}");
        var reverse = await QueryAsync($"filter={run.Filter},relations.ownerOf");

        Assert.Equal(["owned"], byRef.GetProperty("items").Names());
        Assert.Empty(byName.GetProperty("items").EnumerateArray());
        Assert.Equal([team], reverse.GetProperty("items").Names());
    }

    [Fact]
    public async Task Fields_project_nested_paths_and_keys_with_dots()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(With(Component("svc-a"), "metadata.annotations", new JsonObject { ["backstage.io/techdocs-ref"] = "dir:." }));

        var page = await QueryAsync($"filter={run.Filter}&fields=kind,metadata.name&fields=metadata.annotations.backstage.io/techdocs-ref,relations");

        Assert.Equal(
            """{"kind":"Component","metadata":{"name":"svc-a","annotations":{"backstage.io/techdocs-ref":"dir:."}},"relations":[{"type":"ownedBy","targetRef":"group:default/team-a"}]}""",
            page.GetProperty("items")[0].GetRawText());
    }

    [Fact]
    public async Task Cursors_walk_forward_and_back_with_the_first_total()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync([.. "gfedcba".Select(c => Component($"{c}-item"))]);
        string Names(JsonElement page) => string.Concat(page.GetProperty("items").Names().Select(n => n[..1]));
        string? Cursor(JsonElement page, string name) => page.GetProperty("pageInfo").TryGetProperty(name, out var c) ? c.GetString() : null;

        var first = await QueryAsync($"filter={run.Filter}&orderField=metadata.name,asc&limit=2");
        await run.SeedAsync(Component("h-item"));
        var second = await QueryAsync($"{Url(Cursor(first, "nextCursor")!)}&limit=2");
        var third = await QueryAsync($"{Url(Cursor(second, "nextCursor")!)}&limit=2");
        var back = await QueryAsync($"{Url(Cursor(third, "prevCursor")!)}&limit=2");
        var start = await QueryAsync($"{Url(Cursor(back, "prevCursor")!)}&limit=2");
        var wider = await QueryAsync($"{Url(Cursor(back, "nextCursor")!)}&limit=4&filter=kind=api&orderField=metadata.name,desc");

        Assert.Equal(("ab", 7, true, false), (Names(first), first.GetProperty("totalItems").GetInt32(), Cursor(first, "nextCursor") is not null, Cursor(first, "prevCursor") is not null));
        Assert.Equal(("cd", 7, true), (Names(second), second.GetProperty("totalItems").GetInt32(), Cursor(second, "prevCursor") is not null));
        Assert.Equal("ef", Names(third));
        Assert.Equal(("cd", true, true), (Names(back), Cursor(back, "nextCursor") is not null, Cursor(back, "prevCursor") is not null));
        Assert.Equal(("ab", true, false), (Names(start), Cursor(start, "nextCursor") is not null, Cursor(start, "prevCursor") is not null));
        Assert.Equal(("efgh", 7, false), (Names(wider), wider.GetProperty("totalItems").GetInt32(), Cursor(wider, "nextCursor") is not null));
    }

    [Fact]
    public async Task Without_an_order_field_pages_go_by_uid_and_cover_everything_once()
    {
        var run = new CatalogRun(app);
        var written = await run.SeedAsync([.. Enumerable.Range(0, 5).Select(i => Component($"n-{i}"))]);
        var seen = new List<string>();
        var page = await QueryAsync($"filter={run.Filter}&limit=2");
        while (true)
        {
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("uid").GetString()!));
            if (!page.GetProperty("pageInfo").TryGetProperty("nextCursor", out var next))
            {
                break;
            }

            page = await QueryAsync(Url(next.GetString()!) + "&limit=2");
        }

        Assert.Equal(written.Select(w => w.Uid.ToString()).Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Sorting_descending_keeps_only_entities_with_the_field()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(With(Component("a-svc"), "metadata.title", "Alpha"), With(Component("b-svc"), "metadata.title", "beta"), Component("c-svc"));

        var page = await QueryAsync($"filter={run.Filter}&orderField=metadata.title,desc&fields=metadata.name");

        Assert.Equal(["b-svc", "a-svc"], page.GetProperty("items").Names());
        Assert.Equal(2, page.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Full_text_matches_a_substring_of_the_given_fields()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync([.. new[] { "lion", "cat", "atcatss", "dog", "dogcat" }.Select(t => With(Component($"{t}-x"), "metadata.title", t))]);

        var page = await QueryAsync($"filter={run.Filter}&fullTextFilterTerm=cAt%20&fullTextFilterFields=metadata.title&orderField=metadata.name,asc");
        var bySortField = await QueryAsync($"filter={run.Filter}&fullTextFilterTerm=DOG&orderField=metadata.name,asc");
        var literal = await QueryAsync($"filter={run.Filter}&fullTextFilterTerm=%25&fullTextFilterFields=metadata.title");

        Assert.Equal(["atcatss-x", "cat-x", "dogcat-x"], page.GetProperty("items").Names());
        Assert.Equal(3, page.GetProperty("totalItems").GetInt32());
        Assert.Equal(["dog-x", "dogcat-x"], bySortField.GetProperty("items").Names());
        Assert.Equal(0, literal.GetProperty("totalItems").GetInt32());
    }

    [Theory]
    [InlineData("fullTextFilter.term=cAt&fullTextFilter.fields=metadata.title")]
    [InlineData("fullTextFilter=cAt&fullTextFilterFields=metadata.title")]
    public async Task Full_text_also_takes_the_published_contract_spelling(string fullText)
    {
        var run = new CatalogRun(app);
        await run.SeedAsync([.. new[] { "lion", "cat", "dogcat" }.Select(t => With(Component($"{t}-x"), "metadata.title", t))]);

        var page = await QueryAsync($"filter={run.Filter}&{fullText}&orderField=metadata.name,asc");

        Assert.Equal(["cat-x", "dogcat-x"], page.GetProperty("items").Names());
    }

    [Fact]
    public async Task Limit_zero_counts_without_items_and_totals_can_be_skipped()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("one"), Component("two"));

        Assert.Equal("""{"items":[],"totalItems":2,"pageInfo":{}}""", JsonSerializer.Serialize(await QueryAsync($"filter={run.Filter}&limit=0")));
        Assert.Equal(0, (await QueryAsync($"filter={run.Filter}&totalItems=exclude")).GetProperty("totalItems").GetInt32());
        Assert.Equal(1, (await QueryAsync($"filter={run.Filter}&offset=1&limit=5")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_total_follows_every_write()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("one"));
        var query = $"filter={run.Filter},kind=component&limit=1";
        var before = (await QueryAsync(query)).GetProperty("totalItems").GetInt32();

        await run.SeedAsync(Component("two"));
        var after = (await QueryAsync(query)).GetProperty("totalItems").GetInt32();
        var again = (await QueryAsync(query)).GetProperty("totalItems").GetInt32();

        Assert.Equal((1, 2, 2), (before, after, again));
    }

    [Fact]
    public async Task Other_modules_query_in_process_with_the_same_semantics()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("b-one"), Component("a-two"));

        var page = await app.Services.SendAsync(new QueryEntities([run.Filter], ["metadata.name"], Limit: 1, OrderFields: ["metadata.name,asc"]));
        var next = await app.Services.SendAsync(new QueryEntities(Cursor: page.NextCursor));

        Assert.Equal(("""{"metadata":{"name":"a-two"}}""", 2), (page.Items[0].ToJsonString(), page.TotalItems));
        Assert.Equal("b-one", next.Items.Single()["metadata"]!["name"]!.GetValue<string>());
        Assert.NotNull(next.PrevCursor);
    }

    [Theory]
    [InlineData("limit=abc", "request/query/limit must be integer")]
    [InlineData("limit=-1", "request/query/limit must be >= 0")]
    [InlineData("limit=99999999999", "request/query/limit must be <= 2147483647")]
    [InlineData("offset=1.5", "request/query/offset must be integer")]
    [InlineData("orderField=metadata.name,sideways", "Invalid order field order, must be asc or desc")]
    [InlineData("filter=", "Empty value found for query parameter 'filter'")]
    [InlineData("filter==x", "Invalid filter, '=x' is not a valid statement (expected a string on the form a=b or a= or a)")]
    [InlineData("fields=metadata.tags[0]", "Invalid field \"metadata.tags[0]\", array type fields are not supported")]
    [InlineData("totalItems=all", "request/query/totalItems must be equal to one of the allowed values: include, exclude")]
    [InlineData("foo=1", "Unknown query parameter 'foo'")]
    [InlineData("limit=1&limit=2", "request/query/limit must be string")]
    public async Task Bad_input_is_a_400_InputError(string query, string message) =>
        (await _client.GetScenario($"/api/catalog/entities/by-query?{query}")).ShouldBeInputError(message);

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJvcmRlckZpZWxkcyI6W119")]
    [InlineData("%F0%9F%92%A9")]
    public async Task A_bad_cursor_is_a_400_that_says_so(string cursor)
    {
        var result = await _client.GetScenario($"/api/catalog/entities/by-query?cursor={cursor}");

        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        Assert.StartsWith("Malformed cursor: ", result.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_forged_cursor_is_a_400_that_says_so()
    {
        var forged = """{"query":{"$all":[]},"isPrevious":false,"position":{"uid":"x"},"first":{"uid":"x"},"totalItems":1}""";

        var result = await _client.GetScenario($"/api/catalog/entities/by-query?{Url(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(forged)))}");

        result.ShouldBeInputError("Malformed cursor: position.uid must be an entity uid");
    }

    [Fact]
    public async Task The_POST_form_takes_a_predicate_order_full_text_and_cursor_in_the_body()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("svc-a"), Component("lib-b", type: "library"), Api("api-c"), Group("team-d"));
        var body = new JsonObject
        {
            ["query"] = JsonNode.Parse($$$$"""{"$all":[{"metadata.labels.run":"{{{{run.Id}}}}"},{"$not":{"kind":{"$in":["group","API"]}}}]}"""),
            ["limit"] = 1,
            ["orderBy"] = JsonNode.Parse("""[{"field":"metadata.name","order":"desc"}]"""),
            ["fullTextFilter"] = JsonNode.Parse("""{"term":"-","fields":["metadata.name"]}"""),
            ["fields"] = new JsonArray("metadata.name"),
        };

        var first = (await _client.Scenario(HttpMethod.Post, "/api/catalog/entities/by-query", body.ToJsonString())).StatusCodeShouldBe(HttpStatusCode.OK).Json();
        var next = first.GetProperty("pageInfo").GetProperty("nextCursor").GetString();
        var second = (await _client.Scenario(HttpMethod.Post, "/api/catalog/entities/by-query", new { cursor = next, limit = 5 })).Json();

        Assert.Equal(["svc-a"], first.GetProperty("items").Names());
        Assert.Equal(2, first.GetProperty("totalItems").GetInt32());
        Assert.Equal(["lib-b"], second.GetProperty("items").Names());
    }

    [Theory]
    [InlineData("""{"cursor":""}""", "Cursor cannot be empty")]
    [InlineData("""{"query":[]}""", "Invalid query: query must be an object")]
    [InlineData("""{"query":{"kind":{"$regex":"x"}}}""", "Invalid query: query.kind has unknown operator '$regex'")]
    [InlineData("""{"orderBy":[{"field":"metadata.name","order":"up"}]}""", "request/body/orderBy/0/order must be equal to one of the allowed values: asc, desc")]
    [InlineData("""{"orderBy":[{"field":"metadata.name"}]}""", "request/body/orderBy/0 must have required property 'order'")]
    [InlineData("""{"fullTextFilter":{"fields":["a"]}}""", "request/body/fullTextFilter must have required property 'term'")]
    [InlineData("""{"limit":-1}""", "request/body/limit must be >= 0")]
    [InlineData("""{"limit":"10"}""", "request/body/limit must be integer")]
    [InlineData("""{"filter":"kind=api"}""", "request/body must NOT have additional properties, found 'filter'")]
    [InlineData("""{"limit":""", "The request body is not well-formed JSON")]
    public async Task A_bad_POST_body_is_a_400_InputError(string body, string message) =>
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/entities/by-query", body)).ShouldBeInputError(message);
}
