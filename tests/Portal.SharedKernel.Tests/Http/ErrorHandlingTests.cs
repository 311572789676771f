using System.Net;
using System.Text.Json;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Http;

public sealed class ErrorHandlingTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private readonly HttpClient _client = host.Client(TestAuth.ServiceToken);

    [Fact]
    public async Task A_validator_reports_every_failed_field_in_one_InputError()
    {
        var result = await _client.Scenario(HttpMethod.Post, "/api/probe/widgets", new { name = "", size = 99, owner = "" });

        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        var error = result.Json().GetProperty("error");
        Assert.Equal("InputError", error.GetProperty("name").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.All(new[] { "Name", "Size", "Owner" }, field => Assert.Contains(field + ":", message));
        Assert.Equal("/widgets", result.Json().GetProperty("request").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_valid_request_reaches_its_handler() =>
        (await _client.Scenario(HttpMethod.Post, "/api/probe/widgets", new { name = "w", size = 3, owner = "team-a" }))
            .StatusCodeShouldBe(HttpStatusCode.OK);

    [Theory]
    [InlineData("{\"name\": \"w\", \"size\": ", "not well-formed JSON")]
    [InlineData("{\"name\": \"w\", \"size\": \"three\", \"owner\": \"o\"}", "wrong type at '$.size'")]
    [InlineData("{\"name\": \"w\", \"name\": \"v\", \"size\": 1, \"owner\": \"o\"}", "repeats a property")]
    public async Task A_body_that_cannot_be_bound_is_a_400_that_says_why(string body, string expected)
    {
        var result = await _client.Scenario(HttpMethod.Post, "/api/probe/widgets", body);

        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        Assert.Equal("InputError", result.Json().GetProperty("error").GetProperty("name").GetString());
        Assert.Contains(expected, result.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_in_the_envelope()
    {
        var body = JsonSerializer.Serialize(new { name = new string('x', (int)ProbeHost.MaxBodyBytes), size = 1, owner = "o" });

        var result = await _client.Scenario(HttpMethod.Post, "/api/probe/widgets", body);

        result.StatusCodeShouldBe(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(413, result.Json().GetProperty("response").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_generic_500_logged_with_its_request_id()
    {
        var result = await _client.Scenario(HttpMethod.Post, "/api/probe/widgets", new { name = "explode", size = 1, owner = "o" });

        result.StatusCodeShouldBe(HttpStatusCode.InternalServerError);
        var requestId = result.Header("X-Request-Id")!;
        Assert.DoesNotContain("hunter2", result.Body);
        Assert.DoesNotContain("InvalidOperationException", result.Body);
        Assert.Contains(requestId, result.Json().GetProperty("error").GetProperty("message").GetString());
        Assert.Contains(host.Logs, line => line.Contains(requestId) && line.Contains("InvalidOperationException"));
    }

    [Fact]
    public async Task An_unknown_route_under_the_module_is_a_404_envelope_relative_to_its_base_path()
    {
        var result = await _client.GetScenario("/api/probe/nothing/here?x=1");

        result.StatusCodeShouldBe(HttpStatusCode.NotFound);
        Assert.Equal(
            """{"error":{"name":"NotFoundError","message":"No route matches GET /api/probe/nothing/here"},"request":{"method":"GET","url":"/nothing/here?x=1"},"response":{"statusCode":404}}""",
            result.Body);
    }
}
