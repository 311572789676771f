using System.Net;
using System.Text;
using System.Text.Json;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Features.Validation;

public sealed class ValidateEntityTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const string Url = "/api/catalog/validate-entity";
    private const string Location = "url:http://127.0.0.1/acme/x/catalog-info.yaml";

    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    private static object Component(object? spec = null, string name = "svc-a") => new
    {
        apiVersion = "backstage.io/v1alpha1",
        kind = "Component",
        metadata = new { name },
        spec = spec ?? new { type = "service", lifecycle = "production", owner = "team-a" },
    };

    private Task<ScenarioResult> Post(object body) => _client.Scenario(HttpMethod.Post, Url, body);

    private static void AssertStandardInputError(ScenarioResult result, string message)
    {
        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        var json = result.Json();
        Assert.Equal("InputError", json.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(message, json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("/validate-entity", json.GetProperty("request").GetProperty("url").GetString());
        Assert.Equal(400, json.GetProperty("response").GetProperty("statusCode").GetInt32());
    }

    private static void AssertNotValidJson(ScenarioResult result)
    {
        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        var error = result.Json().GetProperty("error");
        Assert.Equal("InputError", error.GetProperty("name").GetString());
        Assert.StartsWith("The request body is not valid JSON: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement[] Errors(ScenarioResult result)
    {
        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        return [.. result.Json().GetProperty("errors").EnumerateArray()];
    }

    [Fact]
    public async Task A_valid_entity_is_200_with_an_empty_body()
    {
        var result = await Post(new { location = Location, entity = Component() });

        result.StatusCodeShouldBe(HttpStatusCode.OK);
        Assert.Equal("", result.Body);
    }

    [Fact]
    public async Task A_bad_name_is_answered_in_Backstages_errors_shape()
    {
        var errors = Errors(await Post(new { location = Location, entity = Component(name: "Bad Name!") }));

        var error = Assert.Single(errors);
        var cause = "\"metadata.name\" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found \"Bad Name!\". To learn more about catalog file format, visit: https://github.com/backstage/backstage/blob/master/docs/architecture-decisions/adr002-default-catalog-file-format.md";
        Assert.Equal("InputError", error.GetProperty("name").GetString());
        Assert.Equal($"Policy check failed for component:default/bad name!; caused by Error: {cause}", error.GetProperty("message").GetString());
        Assert.Equal("Error", error.GetProperty("cause").GetProperty("name").GetString());
        Assert.Equal(cause, error.GetProperty("cause").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Every_processing_problem_is_listed()
    {
        var entity = Component(new { type = "service", dependsOn = new[] { "svc-x" } }, name: "Bad Name!");

        var messages = Errors(await Post(new { location = Location, entity })).Select(e => e.GetProperty("message").GetString()).ToArray();

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("Policy check failed for component:default/bad name!; caused by Error: \"metadata.name\" is not valid", messages[0], StringComparison.Ordinal);
        Assert.Equal(
            "Processor BuiltinKindsEntityProcessor threw an error while validating the entity component:default/bad name!; caused by TypeError: /spec must have required property 'lifecycle' - missingProperty: lifecycle",
            messages[1]);
        Assert.EndsWith("missingProperty: owner", messages[2], StringComparison.Ordinal);
        Assert.Equal(
            "Processor BuiltinKindsEntityProcessor threw an error while postprocessing; caused by Error: Entity reference \"svc-x\" had missing or empty kind (e.g. did not start with \"component:\" or similar)",
            messages[3]);
    }

    [Fact]
    public async Task An_unknown_kind_is_not_recognized()
    {
        var entity = new { apiVersion = "example.com/v1", kind = "Widget", metadata = new { name = "x" } };

        var error = Assert.Single(Errors(await Post(new { location = Location, entity })));

        Assert.Equal("No processor recognized the entity widget:default/x as valid, possibly caused by a foreign kind or apiVersion", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_broken_envelope_is_one_TypeError()
    {
        var entity = new { apiVersion = "backstage.io/v1alpha1", kind = "Component", metadata = new { title = "no name" }, extra = 1 };

        var error = Assert.Single(Errors(await Post(new { location = Location, entity })));

        Assert.Equal("TypeError", error.GetProperty("name").GetString());
        Assert.Equal("/metadata must have required property 'name' - missingProperty: name", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("file:/x.yaml", "InputError", "Invalid location ref file:/x.yaml, only 'url:<target>' is supported, e.g. url:https://host/path")]
    [InlineData("x", "TypeError", "Unable to parse location ref 'x', expected '<type>:<target>', e.g. 'url:https://host/path'")]
    [InlineData("url:", "TypeError", "Unable to parse location ref 'url:', expected '<type>:<target>', e.g. 'url:https://host/path'")]
    public async Task A_location_that_is_not_a_url_ref_is_one_error(string location, string name, string message)
    {
        var error = Assert.Single(Errors(await Post(new { location, entity = Component() })));

        Assert.Equal(name, error.GetProperty("name").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"entity":{"kind":"Component"}}""", "request/body must have required property 'location'")]
    [InlineData("""{"location":"url:x"}""", "request/body must have required property 'entity'")]
    [InlineData("""{"entity":null,"location":"url:x"}""", "request/body/entity must be object")]
    [InlineData("""{"entity":[],"location":"url:x"}""", "request/body/entity must be object")]
    [InlineData("""{"entity":{},"location":5}""", "request/body/location must be string")]
    [InlineData("""[1,2]""", "request/body must be object")]
    [InlineData("""  """, "request/body must have required property 'entity'")]
    public async Task A_body_of_the_wrong_shape_is_a_standard_InputError(string body, string message) =>
        AssertStandardInputError(await _client.Scenario(HttpMethod.Post, Url, body), message);

    [Theory]
    [InlineData("""{"entity":""")]
    [InlineData("""{"entity":{}, "location":"url:x",}""")]
    [InlineData("not json")]
    public async Task Malformed_JSON_is_a_standard_InputError(string body)
    {
        var result = await _client.Scenario(HttpMethod.Post, Url, body);

        AssertNotValidJson(result);
    }

    [Fact]
    public async Task Deeply_nested_JSON_is_a_standard_InputError()
    {
        var body = "{\"location\":\"url:x\",\"entity\":{\"spec\":" + new string('[', 100) + new string(']', 100) + "}}";

        var result = await _client.Scenario(HttpMethod.Post, Url, body);

        AssertNotValidJson(result);
    }

    [Fact]
    public async Task Repeated_keys_are_a_standard_InputError()
    {
        var body = """{"location":"url:x","entity":{"apiVersion":"backstage.io/v1alpha1","kind":"Component","kind":"API","metadata":{"name":"a"},"spec":{"type":"s","lifecycle":"l","owner":"o"}}}""";

        var result = await _client.Scenario(HttpMethod.Post, Url, body);

        AssertNotValidJson(result);
    }

    [Theory]
    [InlineData(null, "Content-Type missing")]
    [InlineData("text/plain", "Illegal Content-Type")]
    public async Task The_body_must_be_declared_JSON(string? contentType, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}")) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused()
    {
        var result = await app.CreateClient().Scenario(HttpMethod.Post, Url, new { location = Location, entity = Component() });

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
    }
}
