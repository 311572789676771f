using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Validation;

// The handful of JSON-schema keywords the entity schemas use (type, required, minLength, enum), reported in the
// wording of the schema validator Backstage uses: "/spec must have required property 'owner' - missingProperty: owner".
// Policy-stage messages drop the parameters and read "Malformed envelope, /metadata/title must be string".
internal sealed class SchemaChecker(EntityProblemStage stage, List<EntityProblem> problems)
{
    // Returns whether the property exists (a JSON null exists); reports it when it is required and absent.
    public bool Has(JsonObject parent, string path, string name, bool required, out JsonNode? value)
    {
        if (parent.TryGetPropertyValue(name, out value))
        {
            return true;
        }

        if (required)
        {
            Fail(Child(path, name), path, $"must have required property '{name}'", $"missingProperty: {name}");
        }

        return false;
    }

    public JsonObject? Object(JsonNode? value, string path) =>
        value as JsonObject ?? Mismatch<JsonObject>(path, "object");

    public JsonArray? Array(JsonNode? value, string path) =>
        value as JsonArray ?? Mismatch<JsonArray>(path, "array");

    // A string of at least minLength characters, or null after reporting why not.
    public string? Text(JsonNode? value, string path, int minLength = 1)
    {
        if (!TryGetString(value, out var text))
        {
            return Mismatch<string>(path, "string");
        }

        if (text.Length < minLength)
        {
            Fail(path, path, $"must NOT have fewer than {minLength} characters", $"limit: {minLength}");
            return null;
        }

        return text;
    }

    public void TextList(JsonNode? value, string path)
    {
        if (Array(value, path) is { } items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Text(items[i], $"{path}/{i}");
            }
        }
    }

    public void AllowedValue(JsonNode? value, string path, string[] allowed)
    {
        if (Text(value, path, minLength: 0) is { } text && !allowed.Contains(text, StringComparer.Ordinal))
        {
            Fail(path, path, "must be equal to one of the allowed values", $"allowedValues: {string.Join(",", allowed)}");
        }
    }

    public void Fail(string fieldPath, string path, string text, string parameters)
    {
        var where = path.Length == 0 ? "<root>" : path;
        var message = stage == EntityProblemStage.Policy
            ? $"Malformed envelope, {where} {text}"
            : $"{where} {text} - {parameters}";
        problems.Add(new EntityProblem(stage, FieldOf(fieldPath), message));
    }

    public static bool TryGetString(JsonNode? value, out string text)
    {
        text = "";
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            text = scalar.GetValue<string>();
            return true;
        }

        return false;
    }

    // A JSON pointer below path; '/' inside a key (annotation keys have them) is escaped as the pointer syntax says.
    public static string Child(string path, string name) => $"{path}/{name.Replace("~", "~0").Replace("/", "~1")}";

    // "/spec/providesApis/0" → "spec.providesApis.0", the field naming the problems use.
    private static string FieldOf(string path) =>
        string.Join('.', path.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")));

    private T? Mismatch<T>(string path, string type)
        where T : class
    {
        Fail(path, path, $"must be {type}", $"type: {type}");
        return null;
    }
}
