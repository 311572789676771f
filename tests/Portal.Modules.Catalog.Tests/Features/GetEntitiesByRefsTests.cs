using System.Net;
using Portal.Modules.Catalog.Contracts;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.Features.CatalogRun;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class GetEntitiesByRefsTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    private Task<ScenarioResult> PostAsync(object body, string query = "") =>
        _client.Scenario(HttpMethod.Post, $"/api/catalog/entities/by-refs{query}", body);

    [Fact]
    public async Task Items_come_in_request_order_with_duplicates_and_null_for_misses()
    {
        var svc = Unique("svc");
        var api = Unique("api");
        await new CatalogRun(app).SeedAsync(Component(svc), Api(api));
        string[] refs = [$"api:default/{api}", $"component:default/{svc}", "component:default/does-not-exist", $"api:default/{api}", "not a ref", $"Component:default/{svc}", svc];

        var result = (await PostAsync(new { entityRefs = refs, fields = new[] { "kind", "metadata.name" } })).StatusCodeShouldBe(HttpStatusCode.OK);

        Assert.Equal(
            $$$"""{"items":[{"kind":"API","metadata":{"name":"{{{api}}}"}},{"kind":"Component","metadata":{"name":"{{{svc}}}"}},null,{"kind":"API","metadata":{"name":"{{{api}}}"}},null,null,null]}""",
            result.Body);
    }

    [Fact]
    public async Task Whole_entities_carry_uid_etag_and_relations_and_an_empty_list_gives_no_items()
    {
        var svc = Unique("svc");
        await new CatalogRun(app).SeedAsync(Component(svc));

        var item = (await PostAsync(new { entityRefs = new[] { $"component:default/{svc}" } })).Json().GetProperty("items")[0];
        var none = await PostAsync(new { entityRefs = Array.Empty<string>() });

        Assert.True(item.GetProperty("metadata").TryGetProperty("etag", out _));
        Assert.Equal("group:default/team-a", item.GetProperty("relations")[0].GetProperty("targetRef").GetString());
        Assert.Equal("""{"items":[]}""", none.Body);
    }

    [Fact]
    public async Task A_filter_turns_entities_that_fail_it_into_null()
    {
        var run = new CatalogRun(app);
        var svc = Unique("svc");
        var lib = Unique("lib");
        await run.SeedAsync(Component(svc), Component(lib, type: "library"));

        var result = await PostAsync(
            new { entityRefs = new[] { $"component:default/{svc}", $"component:default/{lib}" }, fields = new[] { "metadata.name" }, query = new { kind = "component" } },
            "?filter=spec.type=library");

        Assert.Equal($$$"""{"items":[null,{"metadata":{"name":"{{{lib}}}"}}]}""", result.StatusCodeShouldBe(HttpStatusCode.OK).Body);
    }

    [Fact]
    public async Task Other_modules_resolve_refs_in_process()
    {
        var svc = Unique("svc");
        await new CatalogRun(app).SeedAsync(Component(svc));

        var items = await app.Services.SendAsync(new GetEntitiesByRefs([$"component:default/{svc}", "component:default/nope"], ["metadata.name"]));

        Assert.Equal($$$"""{"metadata":{"name":"{{{svc}}}"}}""", items[0]!.ToJsonString());
        Assert.Null(items[1]);
    }

    [Theory]
    [InlineData("""{"refs":[]}""", "request/body must have required property 'entityRefs'")]
    [InlineData("""{"entityRefs":"component:default/x"}""", "request/body/entityRefs must be array")]
    [InlineData("""{"entityRefs":[1]}""", "request/body/entityRefs/0 must be string")]
    [InlineData("""{"entityRefs":[],"fields":"kind"}""", "request/body/fields must be array")]
    [InlineData("""{"entityRefs":[],"fields":["a[0]"]}""", "Invalid field \"a[0]\", array type fields are not supported")]
    [InlineData("""{"entityRefs":[],"extra":1}""", "request/body must NOT have additional properties, found 'extra'")]
    [InlineData("""{"entityRefs":[],"query":"x"}""", "Invalid query: query must be an object")]
    [InlineData("""[]""", "request/body must be object")]
    [InlineData("""{"entityRefs":[""", "The request body is not well-formed JSON")]
    public async Task A_malformed_body_is_a_400_InputError(string body, string message) =>
        (await PostAsync(body)).ShouldBeInputError(message);

    [Fact]
    public async Task A_body_repeating_a_property_is_a_400_not_a_500()
    {
        var result = await PostAsync("""{"entityRefs":[],"query":{"kind":"a","kind":"b"}}""");

        result.ShouldBeInputError("The request body repeats a property; each property may appear only once");
    }

    [Fact]
    public async Task Fields_in_the_query_string_are_refused_as_Backstage_does() =>
        (await PostAsync(new { entityRefs = Array.Empty<string>() }, "?fields=kind")).ShouldBeInputError("Unknown query parameter 'fields'");
}
