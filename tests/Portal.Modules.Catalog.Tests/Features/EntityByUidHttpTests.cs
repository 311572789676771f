using System.Net;
using Portal.Modules.Catalog.Contracts;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class EntityByUidHttpTests(PortalApp app) : IClassFixture<PortalApp>
{
    private readonly HttpClient _client = app.CreateClientWithUserToken("user:default/jane");

    private async Task<EntityWriteResult> UpsertAsync(string owner = "team-a", string? name = null) =>
        Assert.Single(await app.Services.SendAsync(new UpsertEntities([Component(name ?? Unique("svc"), owner)])));

    [Fact]
    public async Task Get_returns_the_entity_with_uid_etag_and_relations()
    {
        var svc = await UpsertAsync();

        var body = (await _client.GetScenario($"/api/catalog/entities/by-uid/{svc.Uid}")).StatusCodeShouldBe(HttpStatusCode.OK).Json();

        Assert.Equal("Component", body.GetProperty("kind").GetString());
        Assert.Equal(svc.Uid.ToString(), body.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(svc.Etag, body.GetProperty("metadata").GetProperty("etag").GetString());
        var relation = Assert.Single(body.GetProperty("relations").EnumerateArray());
        Assert.Equal("""{"type":"ownedBy","targetRef":"group:default/team-a"}""", relation.GetRawText());
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("123")]
    public async Task Get_of_an_unknown_or_malformed_uid_is_Backstages_404(string uid)
    {
        var body = (await _client.GetScenario($"/api/catalog/entities/by-uid/{uid}")).StatusCodeShouldBe(HttpStatusCode.NotFound).Json();

        Assert.Equal(
            $$$"""{"error":{"name":"NotFoundError","message":"No entity with uid {{{uid}}}"},"request":{"method":"GET","url":"/entities/by-uid/{{{uid}}}"},"response":{"statusCode":404}}""",
            body.GetRawText());
    }

    [Fact]
    public async Task Delete_removes_the_entity_with_204()
    {
        var svc = await UpsertAsync();

        (await _client.Scenario(HttpMethod.Delete, $"/api/catalog/entities/by-uid/{svc.Uid}")).StatusCodeShouldBe(HttpStatusCode.NoContent);

        (await _client.GetScenario($"/api/catalog/entities/by-uid/{svc.Uid}")).StatusCodeShouldBe(HttpStatusCode.NotFound);
    }

    // Backstage answers 204 whether or not the entity existed (catalog-behaviour.md §6, openapi deleteEntityByUid).
    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-uid")]
    public async Task Delete_of_an_unknown_or_malformed_uid_is_still_204(string uid)
    {
        var result = await _client.Scenario(HttpMethod.Delete, $"/api/catalog/entities/by-uid/{uid}");

        result.StatusCodeShouldBe(HttpStatusCode.NoContent);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task Delete_needs_a_token()
    {
        var svc = await UpsertAsync();

        (await app.CreateClient().Scenario(HttpMethod.Delete, $"/api/catalog/entities/by-uid/{svc.Uid}")).StatusCodeShouldBe(HttpStatusCode.Unauthorized);

        (await _client.GetScenario($"/api/catalog/entities/by-uid/{svc.Uid}")).StatusCodeShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task History_names_the_caller_who_deleted_and_the_paths_an_update_changed()
    {
        var name = Unique("svc");
        var svc = await UpsertAsync(name: name);
        await UpsertAsync(owner: "team-b", name: name);
        await _client.Scenario(HttpMethod.Delete, $"/api/catalog/entities/by-uid/{svc.Uid}");

        var items = (await _client.GetScenario($"/api/catalog/entities/by-uid/{svc.Uid}/history")).StatusCodeShouldBe(HttpStatusCode.OK)
            .Json().GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["removed", "updated", "registered"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("user:default/jane", items[0].GetProperty("actor").GetString());
        Assert.Equal("""["spec.owner"]""", items[1].GetProperty("changedPaths").GetRawText());
        Assert.True(items[2].TryGetProperty("timestamp", out _));
    }

    [Fact]
    public async Task History_of_an_unknown_uid_is_404()
    {
        var body = (await _client.GetScenario($"/api/catalog/entities/by-uid/{Guid.NewGuid()}/history")).StatusCodeShouldBe(HttpStatusCode.NotFound).Json();

        Assert.Equal("NotFoundError", body.GetProperty("error").GetProperty("name").GetString());
    }
}
