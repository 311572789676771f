using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// Which entities a query selects (catalog-behaviour.md §1): keys and values are the lower-cased search-index
// keys and values. Query-string filters and JSON predicates both end up here; the SQL builder reads only this.
internal abstract record EntityPredicate
{
    public static readonly EntityPredicate Everything = new AllOf([]);

    public const string RelationsPrefix = "relations.";

    // The JSON predicate form of §1.4; the cursor carries the query in it.
    public abstract JsonNode ToJson();

    public static EntityPredicate Parse(JsonNode? node) =>
        TryParse(node, out var predicate, out var error) ? predicate : throw new InputError(error);

    public static bool TryParse(JsonNode? node, [NotNullWhen(true)] out EntityPredicate? predicate, [NotNullWhen(false)] out string? error)
    {
        try
        {
            predicate = ParseNode(node, "query");
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            predicate = null;
            error = $"Invalid query: {ex.Message}";
            return false;
        }
    }

    private static EntityPredicate ParseNode(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            throw new FormatException($"{path} must be an object");
        }

        if (obj.Count == 1 && obj.First() is var (only, value) && only.StartsWith('$'))
        {
            return only switch
            {
                "$all" => new AllOf(ParseList(value, $"{path}.$all")),
                "$any" => new AnyOf(ParseList(value, $"{path}.$any")),
                "$not" => new Not(ParseNode(value, $"{path}.$not")),
                _ => throw new FormatException($"{path} has unknown operator '{only}'"),
            };
        }

        var fields = obj.Select(pair => ParseField(pair.Key, pair.Value, $"{path}.{pair.Key}")).ToList();
        return fields.Count == 1 ? fields[0] : new AllOf(fields);
    }

    private static List<EntityPredicate> ParseList(JsonNode? node, string path) =>
        node is JsonArray items
            ? items.Select((item, i) => ParseNode(item, $"{path}[{i}]")).ToList()
            : throw new FormatException($"{path} must be an array");

    private static EntityPredicate ParseField(string rawKey, JsonNode? matcher, string path)
    {
        if (rawKey.StartsWith('$') || rawKey.Length == 0)
        {
            throw new FormatException($"{path} is not a field name");
        }

        var key = rawKey.ToLowerInvariant();
        if (matcher is JsonValue)
        {
            return new FieldIn(key, [Primitive(matcher, path)]);
        }

        if (matcher is not JsonObject { Count: 1 } op)
        {
            throw new FormatException($"{path} must be a string, number, boolean or one operator object");
        }

        var (name, operand) = op.First();
        return name switch
        {
            "$exists" when operand is JsonValue exists && exists.TryGetValue(out bool present) =>
                present ? new FieldExists(key) : new Not(new FieldExists(key)),
            "$exists" => throw new FormatException($"{path}.$exists must be a boolean"),
            "$in" when operand is JsonArray values =>
                new FieldIn(key, values.Select((v, i) => Primitive(v, $"{path}.$in[{i}]")).Distinct().ToList()),
            "$in" => throw new FormatException($"{path}.$in must be an array"),
            "$hasPrefix" when operand is JsonValue prefix && prefix.TryGetValue(out string? text) =>
                new FieldHasPrefix(key, text.ToLowerInvariant()),
            "$hasPrefix" => throw new FormatException($"{path}.$hasPrefix must be a string"),
            "$contains" when key == "relations" => RelationContains(operand, $"{path}.$contains"),
            "$contains" => new FieldIn(key, [Primitive(operand, $"{path}.$contains")]),
            _ => throw new FormatException($"{path} has unknown operator '{name}'"),
        };
    }

    private static EntityPredicate RelationContains(JsonNode? node, string path)
    {
        if (node is not JsonObject relation || relation.Any(p => p.Key is not ("type" or "targetRef")))
        {
            throw new FormatException($"{path} must be an object with only 'type' and 'targetRef'");
        }

        if (relation["type"] is not JsonValue typeValue || !typeValue.TryGetValue(out string? type) || type.Length == 0)
        {
            throw new FormatException($"{path}.type must be a non-empty string");
        }

        var key = RelationsPrefix + type.ToLowerInvariant();
        return relation["targetRef"] switch
        {
            null => new FieldExists(key),
            JsonObject { Count: 1 } any when any["$in"] is JsonArray refs =>
                new FieldIn(key, refs.Select((r, i) => Primitive(r, $"{path}.targetRef.$in[{i}]")).Distinct().ToList()),
            var single => new FieldIn(key, [Primitive(single, $"{path}.targetRef")]),
        };
    }

    // Numbers and booleans are compared as the text the index holds for them.
    private static string Primitive(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? (value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()).ToLowerInvariant()
            : throw new FormatException($"{path} must be a string, number or boolean");

    internal static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}

// Every item holds; no items matches everything.
internal sealed record AllOf(IReadOnlyList<EntityPredicate> Items) : EntityPredicate
{
    public override JsonNode ToJson() => new JsonObject { ["$all"] = new JsonArray([.. Items.Select(i => i.ToJson())]) };

    public bool Equals(AllOf? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Count;
}

// At least one item holds; no items matches nothing.
internal sealed record AnyOf(IReadOnlyList<EntityPredicate> Items) : EntityPredicate
{
    public override JsonNode ToJson() => new JsonObject { ["$any"] = new JsonArray([.. Items.Select(i => i.ToJson())]) };

    public bool Equals(AnyOf? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Count;
}

internal sealed record Not(EntityPredicate Item) : EntityPredicate
{
    public override JsonNode ToJson() => new JsonObject { ["$not"] = Item.ToJson() };
}

// The key has one of the values.
internal sealed record FieldIn(string Key, IReadOnlyList<string> Values) : EntityPredicate
{
    public override JsonNode ToJson() => Values.Count == 1
        ? new JsonObject { [Key] = Values[0] }
        : new JsonObject { [Key] = new JsonObject { ["$in"] = Array(Values) } };

    public bool Equals(FieldIn? other) => other is not null && Key == other.Key && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Key, Values.Count);
}

internal sealed record FieldExists(string Key) : EntityPredicate
{
    public override JsonNode ToJson() => new JsonObject { [Key] = new JsonObject { ["$exists"] = true } };
}

internal sealed record FieldHasPrefix(string Key, string Prefix) : EntityPredicate
{
    public override JsonNode ToJson() => new JsonObject { [Key] = new JsonObject { ["$hasPrefix"] = Prefix } };
}
