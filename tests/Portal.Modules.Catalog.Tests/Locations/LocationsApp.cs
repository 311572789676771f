using System.Net;
using System.Text.Json;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

// The host with a temporary directory that file locations may read, and the catalog files written into it.
public sealed class LocationsApp : PortalApp
{
    private readonly TempCatalog _files = new();

    public LocationsApp()
    {
        foreach (var (key, value) in _files.AsFileRoot())
        {
            Configure(key, value);
        }
    }

    internal TempCatalog Files => _files;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _files.Dispose();
        }
    }
}

internal static class LocationScenarios
{
    public static Task<ScenarioResult> RegisterAsync(this HttpClient client, string type, string target, string query = "") =>
        client.Scenario(HttpMethod.Post, $"/api/catalog/locations{query}", new { type, target });

    public static async Task<string> RegisteredIdAsync(this HttpClient client, string type, string target) =>
        (await client.RegisterAsync(type, target)).StatusCodeShouldBe(HttpStatusCode.Created).Json().GetProperty("location").GetProperty("id").GetString()!;

    public static void ShouldBeError(this ScenarioResult result, HttpStatusCode status, string name, string message)
    {
        result.StatusCodeShouldBe(status);
        var error = result.Json().GetProperty("error");
        Assert.Equal((name, message), (error.GetProperty("name").GetString(), error.GetProperty("message").GetString()));
    }

    public static string Message(this ScenarioResult result) => result.Json().GetProperty("error").GetProperty("message").GetString()!;

    public static string Compact(this JsonElement json) => JsonSerializer.Serialize(json);
}
