using System.Net;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class GetEntityByNameTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    [Fact]
    public async Task An_entity_is_found_whatever_the_case_of_the_path()
    {
        var name = Unique("Svc");
        var written = (await new CatalogRun(app).SeedAsync(Component(name)))[0];

        var result = await _client.GetScenario($"/api/catalog/entities/by-name/COMPONENT/Default/{name.ToUpperInvariant()}");

        result.StatusCodeShouldBe(HttpStatusCode.OK);
        Assert.Equal(written.Uid.ToString(), result.Json().GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(name, result.Json().GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_missing_entity_is_a_404_echoing_the_path()
    {
        var result = await _client.GetScenario("/api/catalog/entities/by-name/Component/default/Does-Not-Exist");

        result.StatusCodeShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(
            """{"error":{"name":"NotFoundError","message":"No entity named 'Does-Not-Exist' found, with kind 'Component' in namespace 'default'"},"request":{"method":"GET","url":"/entities/by-name/Component/default/Does-Not-Exist"},"response":{"statusCode":404}}""",
            result.Body);
    }

    [Fact]
    public async Task Query_parameters_are_refused() =>
        (await _client.GetScenario("/api/catalog/entities/by-name/component/default/x?fields=kind")).ShouldBeInputError("Unknown query parameter 'fields'");
}
