using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Features.Locations;
using Portal.SharedKernel.Mediator;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

// The host with a temporary directory that file locations may read, and the catalog files written into it.
public class LocationsApp : PortalApp
{
    private readonly TempCatalog _files = new();

    public LocationsApp()
    {
        foreach (var (key, value) in _files.AsFileRoot())
        {
            Configure(key, value);
        }

        Configure("Catalog:Locations:ReadTimeout", "00:00:10");
    }

    internal TempCatalog Files => _files;

    // Processes a location now, as the agent would (waiting for the agent if it is on it already).
    internal async Task<ProcessedLocation?> ProcessAsync(string id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessLocation(Guid.Parse(id)));
    }

    // The entity as the catalog serves it, read in process (the by-name endpoint belongs to the query slices).
    internal async Task<JsonObject?> EntityAsync(string kind, string name)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetEntityByRef($"{kind}:default/{name}"));
    }

    internal async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

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

    public static string Annotation(this JsonObject entity, string key) => entity["metadata"]!["annotations"]![key]!.GetValue<string>();

    public static string Text(this JsonObject entity, string path) =>
        path.Split('.').Aggregate((JsonNode)entity, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!).GetValue<string>();
}

// The same host with Catalog:OrphanStrategy keep.
public sealed class KeepOrphansApp : LocationsApp
{
    public KeepOrphansApp() => Configure("Catalog:OrphanStrategy", "keep");
}
