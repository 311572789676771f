using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Projections;

// One row of catalog.search: lower-cased key and value, the value's original text for facets.
internal readonly record struct SearchRow(string Key, string? Value, string? OriginalValue);

// Backstage's flattened search index of an entity (catalog-behaviour.md §1.3). Relations are not flattened here:
// relations.<type> filters read catalog.relations, which also holds the rows other entities point at this one.
internal static class SearchIndex
{
    public const int MaxKeyLength = 200;
    public const int MaxValueLength = 200;

    // Indexed on their own below (name, namespace, uid) or never (the rest).
    private static readonly HashSet<string> Skipped =
        ["attachments", "relations", "status", "metadata.name", "metadata.namespace", "metadata.uid", "metadata.etag"];

    public static IReadOnlyList<SearchRow> Rows(JsonObject entity)
    {
        var leaves = new Leaves();
        Visit("", entity, leaves);
        var metadata = entity["metadata"] as JsonObject;
        leaves.Add("metadata.name", Scalar(metadata?["name"]));
        leaves.Add("metadata.namespace", Scalar(metadata?["namespace"]));
        leaves.Add("metadata.uid", Scalar(metadata?["uid"]));
        if (string.IsNullOrEmpty(Scalar(metadata?["namespace"])))
        {
            leaves.Add("metadata.namespace", Domain.EntityRef.DefaultNamespace);
        }

        if (leaves.Clashes.Count > 0)
        {
            throw new InputError($"Entity has duplicate keys that vary only in casing, {string.Join(", ", leaves.Clashes)}");
        }

        return leaves.All
            .Select(ToRow)
            .Where(row => row.Key.Length <= MaxKeyLength)
            .Distinct()
            .ToList();
    }

    private static void Visit(string path, JsonNode? node, Leaves leaves)
    {
        if (Skipped.Contains(path))
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Visit(path.Length == 0 ? key : $"{path}.{key}", value, leaves);
                }

                break;
            case JsonArray array:
                // Items share the array's path; a string item also marks itself present (metadata.tags.java = true),
                // so one filter can ask for several items at once.
                foreach (var item in array)
                {
                    Visit(path, item, leaves);
                    if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        var marker = $"{path}.{value.GetValue<string>()}";
                        if (!leaves.HasKey(marker))
                        {
                            leaves.Add(marker, "true");
                        }
                    }
                }

                break;
            default:
                leaves.Add(path, Scalar(node));
                break;
        }
    }

    // Stringified as JavaScript would: 3.0 → "3", true → "true"; objects and arrays are not scalars.
    private static string? Scalar(JsonNode? node) => node is not JsonValue value ? null : value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => double.TryParse(value.ToJsonString(), CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static SearchRow ToRow((string Key, string? Value) leaf) =>
        leaf.Value is null || leaf.Value.Length > MaxValueLength
            ? new SearchRow(leaf.Key.ToLowerInvariant(), null, null)
            : new SearchRow(leaf.Key.ToLowerInvariant(), leaf.Value.ToLowerInvariant(), leaf.Value);

    private sealed class Leaves
    {
        private readonly List<(string Key, string? Value)> _all = [];

        // Each key as first spelled, by its lower-case form.
        private readonly Dictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<(string Key, string? Value)> All => _all;

        public SortedSet<string> Clashes { get; } = new(StringComparer.Ordinal);

        public bool HasKey(string key) => _keys.ContainsKey(key);

        public void Add(string key, string? value)
        {
            _all.Add((key, value));
            if (!_keys.TryAdd(key, key) && _keys[key] != key)
            {
                Clashes.Add(key.ToLowerInvariant());
            }
        }
    }
}
