using System.Net;
using System.Text.Json;
using Xunit;

namespace Portal.Testing;

/// <summary>A response and its body, with the assertions HTTP tests make again and again.</summary>
public sealed class ScenarioResult(HttpResponseMessage response, string body)
{
    public HttpResponseMessage Response { get; } = response;

    public string Body { get; } = body;

    public HttpStatusCode StatusCode => Response.StatusCode;

    public ScenarioResult StatusCodeShouldBe(HttpStatusCode expected)
    {
        Assert.True(expected == Response.StatusCode, $"Expected {(int)expected} but got {(int)Response.StatusCode}: {Body}");
        return this;
    }

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
