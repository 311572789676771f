using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Validation;

namespace Portal.Modules.Catalog.Domain;

// What an entity says, normalized and without what the catalog assigns (metadata.uid, metadata.etag). Two writes of the
// same content have the same hash, so re-ingesting an unchanged entity appends nothing.
internal sealed record EntityContent(EntityRef Ref, JsonObject Json, string Hash)
{
    // The entity as the catalog stores it (EntityNormalizer), detached from the caller's nodes: a round trip through
    // text also turns CLR values into plain JSON ones.
    public static EntityContent Of(JsonObject entity)
    {
        var json = JsonNode.Parse(EntityNormalizer.Normalize(entity).ToJsonString())!.AsObject();
        return new EntityContent(EntityIdentity.RefOf(json), json, HashOf(json));
    }

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
