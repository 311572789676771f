using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// A final entity as read: the stored JSON text (written compact by the projection, never holding relations) and its
// relations as a JSON array text, optionally narrowed to a fields selection. Served whole it is written out as text,
// never parsed: the relations go in as the last property, where setting them on the parsed object would.
[JsonConverter(typeof(ServedEntityConverter))]
internal sealed class ServedEntity(string json, string relations, FieldProjection? fields = null)
{
    public int TextLength => json.Length + relations.Length;

    public ServedEntity WithFields(FieldProjection? selection) => selection is null ? this : new(json, relations, selection);

    public JsonObject ToJsonObject()
    {
        var entity = JsonNode.Parse(json)!.AsObject();
        entity["relations"] = JsonNode.Parse(relations);
        return fields?.Apply(entity) ?? entity;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (fields is not null)
        {
            ToJsonObject().WriteTo(writer);
            return;
        }

        var body = json.AsSpan(0, json.LastIndexOf('}')).TrimEnd();
        var separator = body[^1] == '{' ? "\"relations\":" : ",\"relations\":";
        var buffer = new ArrayBufferWriter<byte>(Encoding.UTF8.GetMaxByteCount(body.Length + separator.Length + relations.Length + 1));
        Write(buffer, body);
        Write(buffer, separator);
        Write(buffer, relations);
        Write(buffer, "}");
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<char> text) =>
        buffer.Advance(Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
}

internal sealed class ServedEntityConverter : JsonConverter<ServedEntity>
{
    public override ServedEntity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Served entities are only written");

    public override void Write(Utf8JsonWriter writer, ServedEntity value, JsonSerializerOptions options) => value.WriteTo(writer);
}
