using System.Net;
using System.Text.Json.Nodes;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.Features.CatalogRun;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class GetEntityFacetsTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    [Fact]
    public async Task Facets_count_entities_per_original_value_under_the_filter()
    {
        var run = new CatalogRun(app);
        var team = Unique("x-team"); // sorts after team-a
        await run.SeedAsync(
            With(Component("a", owner: team, type: "Service"), "metadata.tags", new JsonArray("java", "go")),
            With(Component("b", owner: team, type: "service"), "metadata.tags", new JsonArray("java")),
            Component("c", type: "library"),
            Api("d"));

        var result = await _client.GetScenario(
            $"/api/catalog/entity-facets?facet=spec.type&facet=Metadata.Tags&facet=relations.ownedBy&facet=spec.nothing&filter={run.Filter},kind=component");

        result.StatusCodeShouldBe(HttpStatusCode.OK);
        Assert.Equal(
            $$$"""{"facets":{"spec.type":[{"value":"Service","count":1},{"value":"library","count":1},{"value":"service","count":1}],"Metadata.Tags":[{"value":"go","count":1},{"value":"java","count":2}],"relations.ownedBy":[{"value":"group:default/team-a","count":1},{"value":"group:default/{{{team}}}","count":2}],"spec.nothing":[]}}""",
            result.Body);
    }

    [Fact]
    public async Task Kind_facets_keep_the_kind_as_written()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("a"), Api("b"), Api("c"));

        var result = await _client.GetScenario($"/api/catalog/entity-facets?facet=kind&filter={run.Filter}");

        Assert.Equal("""{"facets":{"kind":[{"value":"API","count":2},{"value":"Component","count":1}]}}""", result.Body);
    }

    [Fact]
    public async Task Counts_follow_every_write()
    {
        var run = new CatalogRun(app);
        await run.SeedAsync(Component("a"));
        var url = $"/api/catalog/entity-facets?facet=kind&filter={run.Filter}";
        var before = (await _client.GetScenario(url)).Body;

        await run.SeedAsync(Api("b"));

        Assert.Equal("""{"facets":{"kind":[{"value":"Component","count":1}]}}""", before);
        Assert.Equal("""{"facets":{"kind":[{"value":"API","count":1},{"value":"Component","count":1}]}}""", (await _client.GetScenario(url)).Body);
    }

    [Theory]
    [InlineData("", "request/query must have required property 'facet'")]
    [InlineData("?filter=kind=api", "request/query must have required property 'facet'")]
    [InlineData("?facet=", "Empty value found for query parameter 'facet'")]
    [InlineData("?facet=kind&filter==x", "Invalid filter, '=x' is not a valid statement (expected a string on the form a=b or a= or a)")]
    [InlineData("?facet=kind&order=x", "Unknown query parameter 'order'")]
    public async Task Bad_input_is_a_400_InputError(string query, string message) =>
        (await _client.GetScenario($"/api/catalog/entity-facets{query}")).ShouldBeInputError(message);
}
