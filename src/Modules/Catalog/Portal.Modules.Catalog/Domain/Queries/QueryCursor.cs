using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// A place in a sorted result: the sort value (when sorting by a field) and the entity uid that breaks ties.
internal sealed record SortPosition(string? Value, Guid Uid);

// A by-query cursor (catalog-behaviour.md §4.3): the original query, where the page ends (or, going back, begins),
// the first item of the whole result (so the first page has no prevCursor) and the total counted at the start.
// On the wire it is base64url of JSON; it carries no secret, and everything in it is checked again when it comes back.
internal sealed record QueryCursor(EntityQuery Query, bool IsPrevious, SortPosition Position, SortPosition First, int TotalItems)
{
    public string Encode()
    {
        var json = new JsonObject
        {
            ["query"] = Query.Filter.ToJson(),
            ["isPrevious"] = IsPrevious,
            ["position"] = ToJson(Position),
            ["first"] = ToJson(First),
            ["totalItems"] = TotalItems,
        };
        if (Query.Order is { } order)
        {
            json["orderField"] = new JsonObject { ["field"] = order.Field, ["order"] = order.Direction };
        }

        if (Query.FullText is { } fullText)
        {
            json["fullTextFilter"] = new JsonObject { ["term"] = fullText.Term, ["fields"] = EntityPredicate.Array(fullText.Fields) };
        }

        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    public static QueryCursor Decode(string text) =>
        TryDecode(text, out var cursor, out var error) ? cursor : throw new InputError(error);

    public static bool TryDecode(string? text, [NotNullWhen(true)] out QueryCursor? cursor, [NotNullWhen(false)] out string? error)
    {
        cursor = null;
        try
        {
            cursor = Read(Json(text));
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            error = $"Malformed cursor: {ex.Message}";
            return false;
        }
    }

    private static JsonObject Json(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new FormatException("the cursor is empty");
        }

        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(text)) as JsonObject ?? throw new FormatException("it is not a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new FormatException("it is not a cursor this server produced (base64url of a JSON object)");
        }
    }

    private static QueryCursor Read(JsonObject json)
    {
        var unknown = json.Select(p => p.Key).FirstOrDefault(k => k is not ("query" or "isPrevious" or "position" or "first" or "totalItems" or "orderField" or "fullTextFilter"));
        if (unknown is not null)
        {
            throw new FormatException($"unknown property '{unknown}'");
        }

        if (!EntityPredicate.TryParse(json["query"], out var filter, out var error))
        {
            throw new FormatException(error);
        }

        var order = json["orderField"] is null ? null : ReadOrder(json["orderField"]);
        var fullText = json["fullTextFilter"] is null ? null : ReadFullText(json["fullTextFilter"], order);
        var totalItems = Value<int>(json, "totalItems");
        if (totalItems < 0)
        {
            throw new FormatException("totalItems must not be negative");
        }

        return new QueryCursor(
            new EntityQuery(filter, order, fullText),
            Value<bool>(json, "isPrevious"),
            ReadPosition(json["position"], "position", order),
            ReadPosition(json["first"], "first", order),
            totalItems);
    }

    private static SortOrder ReadOrder(JsonNode? node)
    {
        var field = node is JsonObject { Count: 2 } obj ? Value<string>(obj, "field") : throw new FormatException("orderField must be {field, order}");
        return field.Length > 0 && Value<string>(obj, "order") is "asc" or "desc"
            ? new SortOrder(field.ToLowerInvariant(), Value<string>(obj, "order") == "desc")
            : throw new FormatException("orderField must name a field and asc or desc");
    }

    private static FullTextFilter ReadFullText(JsonNode? node, SortOrder? order)
    {
        if (node is not JsonObject { Count: 2 } obj || obj["fields"] is not JsonArray fields)
        {
            throw new FormatException("fullTextFilter must be {term, fields}");
        }

        var names = fields.Select(f => f is JsonValue v && v.TryGetValue(out string? s) ? s : throw new FormatException("fullTextFilter.fields must be strings"));
        return FullTextFilter.Create(Value<string>(obj, "term"), names, order) ?? throw new FormatException("fullTextFilter.term must not be empty");
    }

    private static SortPosition ReadPosition(JsonNode? node, string name, SortOrder? order)
    {
        if (node is not JsonObject obj || obj.Any(p => p.Key is not ("value" or "uid")))
        {
            throw new FormatException($"{name} must be {{value, uid}}");
        }

        if (!Guid.TryParseExact(Value<string>(obj, "uid"), "D", out var uid))
        {
            throw new FormatException($"{name}.uid must be an entity uid");
        }

        var value = obj["value"] is null ? null : Value<string>(obj, "value");
        return (value is null) == (order is null)
            ? new SortPosition(value, uid)
            : throw new FormatException($"{name}.value must be present exactly when the cursor sorts by a field");
    }

    private static T Value<T>(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out T? result) && result is not null
            ? result
            : throw new FormatException($"{name} is missing or has the wrong type");

    private static JsonObject ToJson(SortPosition position)
    {
        var json = new JsonObject { ["uid"] = position.Uid.ToString("D") };
        if (position.Value is not null)
        {
            json["value"] = position.Value;
        }

        return json;
    }
}
