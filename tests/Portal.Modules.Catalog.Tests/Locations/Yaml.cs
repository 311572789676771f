namespace Portal.Modules.Catalog.Tests.Locations;

// Catalog file texts for the location tests.
internal static class Yaml
{
    public static string Component(string name, string owner = "team-a") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: service
          lifecycle: production
          owner: {owner}
        """;

    public static string Location(string name, params string[] targets) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Location
        metadata:
          name: {name}
        spec:
          targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
        """;

    public static string Documents(params string[] documents) => string.Join("\n---\n", documents);
}
