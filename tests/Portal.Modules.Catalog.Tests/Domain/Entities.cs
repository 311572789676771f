using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Tests.Domain;

// Entities for domain tests: a valid one per kind, changed with JSON paths.
internal static class Entities
{
    public static JsonObject Component(string name = "svc-a") => Parse($$$"""
        {"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"{{{name}}}"},
         "spec":{"type":"service","lifecycle":"production","owner":"team-a"}}
        """);

    public static JsonObject Of(string kind, string spec, string apiVersion = "backstage.io/v1alpha1", string metadata = """{"name":"x"}""") =>
        Parse($$$"""{"apiVersion":"{{{apiVersion}}}","kind":"{{{kind}}}","metadata":{{{metadata}}},"spec":{{{spec}}}}""");

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    // Sets (or with null JSON text, removes) the value at a dot path such as "metadata.name".
    public static JsonObject With(this JsonObject entity, string path, string? json)
    {
        var parts = path.Split('.');
        var parent = entity;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        if (json is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(json);
        }

        return entity;
    }
}
