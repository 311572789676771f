using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// A final entity as read: the stored JSON text (written compact by the projection, never holding relations) and its
// relations as parallel type / targetRef lists, optionally narrowed to a fields selection. Served whole it is written
// out as text, never parsed: the relations go in as the last property, where setting them on the parsed object would.
[JsonConverter(typeof(ServedEntityConverter))]
internal sealed class ServedEntity(string json, string[] types, string[] targets, FieldProjection? fields = null)
{
    public ServedEntity WithFields(FieldProjection? selection) => selection is null ? this : new(json, types, targets, selection);

    public JsonObject ToJsonObject()
    {
        var entity = JsonNode.Parse(json)!.AsObject();
        entity["relations"] = new JsonArray([.. types.Select((type, i) => (JsonNode)new JsonObject { ["type"] = type, ["targetRef"] = targets[i] })]);
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
        var buffer = new ArrayBufferWriter<byte>(Encoding.UTF8.GetMaxByteCount(body.Length) + 64 * (types.Length + 1));
        buffer.Advance(Encoding.UTF8.GetBytes(body, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(body.Length))));
        buffer.Write(body[^1] == '{' ? "\"relations\":"u8 : ",\"relations\":"u8);
        using (var relations = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = writer.Options.Encoder, SkipValidation = true }))
        {
            relations.WriteStartArray();
            for (var i = 0; i < types.Length; i++)
            {
                relations.WriteStartObject();
                relations.WriteString("type", types[i]);
                relations.WriteString("targetRef", targets[i]);
                relations.WriteEndObject();
            }

            relations.WriteEndArray();
        }

        buffer.Write("}"u8);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }
}

internal sealed class ServedEntityConverter : JsonConverter<ServedEntity>
{
    public override ServedEntity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Served entities are only written");

    public override void Write(Utf8JsonWriter writer, ServedEntity value, JsonSerializerOptions options) => value.WriteTo(writer);
}
