using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain;

// What an entity says, without what the catalog assigns (metadata.uid, metadata.etag). Two writes of the same
// content have the same hash, so re-ingesting an unchanged entity appends nothing.
internal sealed record EntityContent(EntityRef Ref, JsonObject Json, string Hash)
{
    private static readonly string[] Assigned = ["uid", "etag"];

    // Hash-derived, so it changes exactly when the content does; 40 hex digits like Backstage's SHA-1 etags.
    public string Etag => Hash[..40];

    public static EntityContent Of(JsonObject entity)
    {
        // A round trip through text detaches the caller's nodes and turns CLR values into plain JSON ones.
        var json = JsonNode.Parse(entity.ToJsonString())!.AsObject();
        if (json["metadata"] is JsonObject metadata)
        {
            foreach (var key in Assigned)
            {
                metadata.Remove(key);
            }
        }

        return new EntityContent(RefOf(json), json, HashOf(json));
    }

    public static EntityRef RefOf(JsonObject entity) =>
        Text(entity["kind"]) is { } kind && Text(entity["metadata"]?["name"]) is { } name
            ? new EntityRef(kind, Text(entity["metadata"]?["namespace"]) ?? EntityRef.DefaultNamespace, name)
            : throw new InputError("Entity must have a string kind and metadata.name");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    // The JSON paths whose values differ, objects compared key by key and anything else (arrays included) as a whole.
    public static IReadOnlyList<string> ChangedPaths(JsonObject before, JsonObject after)
    {
        var paths = new List<string>();
        Compare("", before, after, paths);
        return paths;
    }

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<string> paths)
    {
        if (before is JsonObject left && after is JsonObject right)
        {
            foreach (var key in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                Compare(path.Length == 0 ? key : $"{path}.{key}", left[key], right[key], paths);
            }
        }
        else if (!JsonNode.DeepEquals(before, after))
        {
            paths.Add(path);
        }
    }

    private static string HashOf(JsonObject json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, json);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    // Keys sorted ordinally at every level, so key order in the source does not count as a change.
    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
