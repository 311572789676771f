using System.Net;
using System.Text.Json;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.Features.CatalogRun;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class GetEntitiesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    private async Task<ScenarioResult> ListAsync(string query) =>
        (await _client.GetScenario($"/api/catalog/entities?{query}")).StatusCodeShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task The_list_is_a_plain_array_of_whole_entities_filtered_as_by_query()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("svc-a"), Group("team-b"));

        var list = (await ListAsync($"filter={run.Filter},kind=Group")).Json();

        var group = Assert.Single(list.EnumerateArray());
        Assert.Equal("team-b", group.GetProperty("metadata").GetProperty("name").GetString());
        Assert.True(group.GetProperty("metadata").TryGetProperty("uid", out _));
        Assert.Equal(JsonValueKind.Array, group.GetProperty("relations").ValueKind);
    }

    [Fact]
    public async Task The_fawkes_form_selects_by_kind_and_name_with_fields()
    {
        var run = new CatalogRun(app);
        var name = Unique("my-service");
        await run.SeedAsync(Component(name), Component(Unique("other")));

        var list = await ListAsync($"filter=kind=Component,metadata.name={name}&fields=kind,metadata.name,spec.owner");

        Assert.Equal($$$"""[{"kind":"Component","metadata":{"name":"{{{name}}}"},"spec":{"owner":"team-a"}}]""", list.Body);
    }

    [Fact]
    public async Task Without_paging_everything_streams_in_the_first_order_and_entities_lacking_it_are_left_out()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync([.. Enumerable.Range(0, 1205).Select(i => With(Component($"bulk-{i:D4}"), "metadata.title", $"t{1204 - i:D4}")), Component("untitled")]);

        var all = (await ListAsync($"filter={run.Filter}&fields=metadata.name&order=desc:metadata.title")).Json();

        Assert.Equal(1205, all.GetArrayLength());
        Assert.Equal(["bulk-0000", "bulk-0001"], all.Names()[..2]);
        Assert.Equal("bulk-1204", all.Names()[^1]);
    }

    [Fact]
    public async Task Offset_paging_sorts_missing_values_last_and_links_the_next_page()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(
            With(Component("c-one"), "metadata.title", "A"), With(Component("a-two"), "metadata.title", "b"), Component("b-three"), Component("d-four"));

        var first = await ListAsync($"filter={run.Filter}&fields=metadata.name&limit=2&offset=1&order=asc:metadata.title");
        var link = first.Header("Link")!;
        var next = link[1..link.IndexOf('>', StringComparison.Ordinal)];
        var second = await ListAsync(next[("/entities?".Length)..]);
        var byRef = (await ListAsync($"filter={run.Filter}&fields=metadata.name&limit=10")).Json();

        Assert.Equal(["a-two", first.Json().Names()[1]], first.Json().Names());
        Assert.Contains(first.Json().Names()[1], new[] { "b-three", "d-four" });
        Assert.StartsWith($"/entities?filter={Uri.EscapeDataString(run.Filter)}&fields=metadata.name&limit=2&order=asc%3Ametadata.title&after=", next);
        Assert.EndsWith("rel=\"next\"", link);
        Assert.Single(second.Json().EnumerateArray());
        Assert.Null(second.Header("Link"));
        Assert.Equal(["a-two", "b-three", "c-one", "d-four"], byRef.Names());
    }

    [Theory]
    [InlineData("limit=0", "Invalid limit, must be greater than zero")]
    [InlineData("limit=x", "request/query/limit must be integer")]
    [InlineData("offset=-1", "request/query/offset must be >= 0")]
    [InlineData("after=nope", "Malformed after cursor, could not be parsed")]
    [InlineData("after=eyJsaW1pdCI6MH0%3D", "Malformed after cursor, could not be parsed")]
    [InlineData("order=metadata.name", "Invalid order parameter \"metadata.name\", expected \"<asc or desc>:<field name>\"")]
    [InlineData("orderField=metadata.name", "Unknown query parameter 'orderField'")]
    public async Task Bad_input_is_a_400_InputError(string query, string message) =>
        (await _client.GetScenario($"/api/catalog/entities?{query}")).ShouldBeInputError(message);
}
