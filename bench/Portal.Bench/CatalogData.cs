using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Bench;

/// <summary>
/// A deterministic catalog of a given size with realistic relations: per 100 entities 2 Groups, 10 Users,
/// 3 Systems, 15 APIs and 70 Components. Components are owned by a group, belong to a system, provide and
/// consume APIs and depend on other components; users are members of groups; groups form a tree.
/// </summary>
internal static class CatalogData
{
    private static readonly string[] ComponentTypes = ["service", "service", "website", "library", "service", "tool"];
    private static readonly string[] Lifecycles = ["production", "experimental", "deprecated"];
    private static readonly string[] Tags = ["java", "dotnet", "go", "python", "node", "kafka", "grpc", "rest", "frontend", "data"];

    public static IReadOnlyList<JsonObject> Generate(int count)
    {
        var scale = Math.Max(1, count / 100);
        var groups = scale * 2;
        var users = scale * 10;
        var systems = scale * 3;
        var apis = scale * 15;
        var components = count - groups - users - systems - apis;
        var random = new Random(20261201);
        var entities = new List<JsonObject>(count);

        for (var i = 0; i < groups; i++)
        {
            var spec = new JsonObject { ["type"] = i < groups / 10 ? "department" : "team", ["children"] = new JsonArray() };
            if (i > 0)
            {
                spec["parent"] = $"team-{(i - 1) / 10:D5}";
            }

            entities.Add(Entity("Group", $"team-{i:D5}", $"Team {i}", spec));
        }

        for (var i = 0; i < users; i++)
        {
            entities.Add(Entity("User", $"user-{i:D6}", $"User {i}", new JsonObject
            {
                ["profile"] = new JsonObject { ["displayName"] = $"User {i}", ["email"] = $"user-{i}@example.com" },
                ["memberOf"] = new JsonArray($"team-{random.Next(groups):D5}", $"group:default/team-{random.Next(groups):D5}"),
            }));
        }

        for (var i = 0; i < systems; i++)
        {
            entities.Add(Entity("System", $"system-{i:D5}", $"System {i}", new JsonObject { ["owner"] = $"team-{random.Next(groups):D5}" }));
        }

        for (var i = 0; i < apis; i++)
        {
            entities.Add(Entity("API", $"api-{i:D6}", $"API {i}", new JsonObject
            {
                ["type"] = i % 4 == 0 ? "grpc" : "openapi",
                ["lifecycle"] = Lifecycles[random.Next(Lifecycles.Length)],
                ["owner"] = $"group:team-{random.Next(groups):D5}",
                ["system"] = $"system-{random.Next(systems):D5}",
                ["definition"] = $"openapi: 3.0.0\ninfo:\n  title: API {i}\n  version: 1.0.0\npaths: {{}}\n",
            }));
        }

        for (var i = 0; i < components; i++)
        {
            var spec = new JsonObject
            {
                ["type"] = ComponentTypes[random.Next(ComponentTypes.Length)],
                ["lifecycle"] = Lifecycles[random.Next(Lifecycles.Length)],
                ["owner"] = $"team-{random.Next(groups):D5}",
                ["system"] = $"system-{random.Next(systems):D5}",
                ["providesApis"] = new JsonArray($"api-{random.Next(apis):D6}"),
                ["consumesApis"] = new JsonArray($"api-{random.Next(apis):D6}", $"api-{random.Next(apis):D6}"),
            };
            if (i > 0)
            {
                spec["dependsOn"] = new JsonArray($"component:service-{random.Next(i):D6}");
            }

            var entity = Entity("Component", $"service-{i:D6}", $"Service {i}", spec);
            entity["metadata"]!["tags"] = new JsonArray(Tags[random.Next(Tags.Length)], Tags[random.Next(Tags.Length)]);
            entity["metadata"]!["annotations"] = new JsonObject
            {
                ["github.com/project-slug"] = $"example/service-{i:D6}",
                ["backstage.io/techdocs-ref"] = "dir:.",
            };
            entities.Add(entity);
        }

        return entities;
    }

    /// <summary>
    /// Writes the catalog as Backstage reads it from a file location: <paramref name="files"/> YAML files of
    /// equal share and a root Location entity (catalog-info.yaml) whose targets name them. Returns the root's path.
    /// </summary>
    public static string WriteYamlTree(IReadOnlyList<JsonObject> entities, string directory, int files)
    {
        Directory.CreateDirectory(directory);
        var perFile = (int)Math.Ceiling(entities.Count / (double)files);
        var targets = new JsonArray();
        for (var file = 0; file * perFile < entities.Count; file++)
        {
            var name = $"part-{file:D3}.yaml";
            targets.Add($"./{name}");
            // JSON is YAML: one flow-style document per entity keeps the files exact and quick to write.
            var text = new StringBuilder();
            foreach (var entity in entities.Skip(file * perFile).Take(perFile))
            {
                text.Append("---\n").Append(entity.ToJsonString()).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, name), text.ToString());
        }

        var root = Entity("Location", "bench-root", "Benchmark catalog", new JsonObject { ["targets"] = targets });
        var rootPath = Path.Combine(directory, "catalog-info.yaml");
        File.WriteAllText(rootPath, root.ToJsonString() + "\n");
        return rootPath;
    }

    private static JsonObject Entity(string kind, string name, string title, JsonObject spec) => new()
    {
        ["apiVersion"] = "backstage.io/v1alpha1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["title"] = title,
            ["description"] = $"{title}, generated for the catalog benchmark",
            ["labels"] = new JsonObject { ["tier"] = name[^1] % 2 == 0 ? "one" : "two" },
        },
        ["spec"] = spec,
    };
}
