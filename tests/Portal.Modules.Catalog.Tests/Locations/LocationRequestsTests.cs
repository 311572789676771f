using System.Net;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

// analyze-location, refresh and by-entity answers that need no ingested entities.
public sealed class LocationRequestsTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    [Fact]
    public async Task Analyzing_a_repository_url_proposes_a_component_as_Backstage_does()
    {
        var result = await _client.Scenario(HttpMethod.Post, "/api/catalog/analyze-location",
            new { location = new { type = "url", target = "http://127.0.0.1/acme/new-svc/blob/main/catalog-info.yaml" } });

        Assert.Equal(
            """{"existingEntityFiles":[],"generateEntities":[{"entity":{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"new-svc"},"spec":{"type":"other","lifecycle":"unknown"}},"fields":[]}]}""",
            result.StatusCodeShouldBe(HttpStatusCode.OK).Json().Compact());
    }

    [Theory]
    [InlineData("""{"location":{"type":"file","target":"/tmp/peer-sample/catalog-info.yaml"}}""", "The given location.target is not a URL")]
    [InlineData("{}", "request/body must have required property 'location'")]
    public async Task Analyzing_something_that_is_not_a_url_is_a_400(string body, string message) =>
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/analyze-location", body)).ShouldBeError(HttpStatusCode.BadRequest, "InputError", message);

    [Fact]
    public async Task Refreshing_an_unknown_entity_is_a_404() =>
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/refresh", new { entityRef = "Component:default/does-not-exist" }))
            .ShouldBeError(HttpStatusCode.NotFound, "NotFoundError", "Entity component:default/does-not-exist not found");

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"entityRef":"component:default/x","other":1}""")]
    [InlineData("""{"entityRef":1}""")]
    public async Task A_refresh_body_other_than_an_entityRef_is_a_400(string body) =>
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/refresh", body)).StatusCodeShouldBe(HttpStatusCode.BadRequest);

    [Fact]
    public async Task The_location_of_an_unknown_entity_is_a_404() =>
        (await _client.GetScenario("/api/catalog/locations/by-entity/Component/default/nothing-here"))
            .ShouldBeError(HttpStatusCode.NotFound, "NotFoundError", "found no entity for ref component:default/nothing-here");
}
