using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Contracts;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Features;

// One test's own slice of a shared catalog: every entity it writes carries its run label, and its filters ask for it.
internal sealed class CatalogRun(PortalApp app)
{
    public string Id { get; } = TestEntities.Unique("run");

    public string Filter => $"metadata.labels.run={Id}";

    public async Task<IReadOnlyList<EntityWriteResult>> SeedAsync(params JsonObject[] entities)
    {
        foreach (var entity in entities)
        {
            var metadata = entity["metadata"]!.AsObject();
            if (metadata["labels"] is not JsonObject labels)
            {
                metadata["labels"] = labels = [];
            }

            labels["run"] = Id;
        }

        return await app.Services.SendAsync(new UpsertEntities(entities));
    }

    public static JsonObject Api(string name, string owner = "team-a") => new()
    {
        ["apiVersion"] = "backstage.io/v1alpha1",
        ["kind"] = "API",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["type"] = "openapi", ["lifecycle"] = "production", ["owner"] = owner, ["definition"] = "openapi: 3.0.0" },
    };

    public static JsonObject With(JsonObject entity, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = entity;
        foreach (var part in parts[..^1])
        {
            node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
        }

        node[parts[^1]] = value;
        return entity;
    }
}

internal static class CatalogAssertions
{
    public static void ShouldBeInputError(this ScenarioResult result, string message)
    {
        result.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        var error = result.Json().GetProperty("error");
        Assert.Equal("InputError", error.GetProperty("name").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(400, result.Json().GetProperty("response").GetProperty("statusCode").GetInt32());
    }

    public static string[] Names(this JsonElement items) =>
        items.EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("name").GetString()!).ToArray();
}
