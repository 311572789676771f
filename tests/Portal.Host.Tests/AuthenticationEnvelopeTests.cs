using System.Net;
using Portal.Testing;

namespace Portal.Host.Tests;

public sealed class AuthenticationEnvelopeTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Catalog_without_a_token_answers_like_Backstage()
    {
        var result = await app.CreateClient().GetScenario("/api/catalog/entities?limit=1");

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal(
            """{"error":{"name":"AuthenticationError","message":"Missing credentials"},"request":{"method":"GET","url":"/entities?limit=1"},"response":{"statusCode":401}}""",
            result.Body);
    }

    [Fact]
    public async Task Che_launcher_without_a_token_answers_in_the_plugin_envelope()
    {
        var result = await app.CreateClient().Scenario(HttpMethod.Post, "/api/che-launcher/workspaces", new { name = "w" });

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal("""{"error":"Missing credentials"}""", result.Body);
    }

    [Fact]
    public async Task Marketplace_writes_without_a_token_answer_in_the_marketplace_envelope()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", "req_marketplace401");

        var result = await client.Scenario(HttpMethod.Post, "/api/marketplace/v1/plugins", new { name = "p" });

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        var json = result.Json();
        Assert.Equal(["error", "timestamp", "requestId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"code":"UNAUTHORIZED","message":"Missing credentials","details":{}}""", json.GetProperty("error").GetRawText());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", json.GetProperty("timestamp").GetString());
        Assert.Equal("req_marketplace401", json.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Marketplace_reads_are_public_but_a_bad_token_is_still_refused()
    {
        (await app.CreateClient().GetScenario("/api/marketplace/v1/plugins")).StatusCodeShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClientWithToken("forged").GetScenario("/api/marketplace/v1/plugins")).StatusCodeShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Service_and_user_tokens_pass_to_routing()
    {
        (await app.CreateClientWithServiceToken().GetScenario("/api/catalog/nothing")).StatusCodeShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClientWithUserToken().GetScenario("/api/devlake/nothing")).StatusCodeShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_token_is_an_illegal_token_401()
    {
        var result = await app.CreateClientWithToken(TestAuth.UserToken(signingKey: "forged-key-forged-key-forged-key-forged-key"))
            .GetScenario("/api/catalog/entities?limit=1");

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal("Illegal token", result.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_is_public() =>
        (await app.CreateClient().GetScenario("/openapi/v1.json")).StatusCodeShouldBe(HttpStatusCode.OK);
}
