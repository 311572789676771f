using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// Reads a JSON request body with the checks and messages of Backstage's OpenAPI layer (catalog-behaviour.md §0.2):
// a body that is not an object, a missing required property, an unknown property or a wrong type is a 400.
internal sealed class JsonBody
{
    // A repeated property would otherwise surface later, inside a JsonObject, as a 500.
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private readonly JsonObject _object;
    private readonly string _path;

    private JsonBody(JsonNode? node, string path, string[] required, string[] optional)
    {
        _path = path;
        _object = node as JsonObject ?? throw new InputError($"{path} must be object");
        var missing = required.FirstOrDefault(name => !_object.ContainsKey(name));
        if (missing is not null)
        {
            throw new InputError($"{path} must have required property '{missing}'");
        }

        var unknown = _object.Select(p => p.Key).FirstOrDefault(name => !required.Contains(name) && !optional.Contains(name));
        if (unknown is not null)
        {
            throw new InputError($"{path} must NOT have additional properties, found '{unknown}'");
        }
    }

    public static async Task<JsonBody> ReadAsync(HttpRequest request, string[] required, string[] optional, CancellationToken cancellationToken)
    {
        try
        {
            var node = request.ContentLength == 0
                ? new JsonObject()
                : await JsonNode.ParseAsync(request.Body, documentOptions: Strict, cancellationToken: cancellationToken);
            return new JsonBody(node, "request/body", required, optional);
        }
        catch (JsonException ex) when (ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputError("The request body repeats a property; each property may appear only once");
        }
        catch (JsonException)
        {
            throw new InputError("The request body is not well-formed JSON");
        }
    }

    public JsonNode? Node(string name) => _object[name];

    public JsonBody? Object(string name, string[] required, string[] optional) =>
        Present(name) ? new JsonBody(_object[name], $"{_path}/{name}", required, optional) : null;

    public IReadOnlyList<JsonBody>? Objects(string name, string[] required, string[] optional) =>
        Array(name)?.Select((item, i) => new JsonBody(item, $"{_path}/{name}/{i}", required, optional)).ToList();

    public IReadOnlyList<string>? Strings(string name) =>
        Array(name)?.Select((item, i) => Text(item) ?? throw new InputError($"{_path}/{name}/{i} must be string")).ToList();

    public string? String(string name) =>
        Present(name) ? Text(_object[name]) ?? throw new InputError($"{_path}/{name} must be string") : null;

    public string? OneOf(string name, params string[] allowed)
    {
        var text = String(name);
        return text is null || allowed.Contains(text)
            ? text
            : throw new InputError($"{_path}/{name} must be equal to one of the allowed values: {string.Join(", ", allowed)}");
    }

    public int? Integer(string name, int minimum) => _object[name] switch
    {
        _ when !Present(name) => null,
        JsonValue value when value.TryGetValue(out int number) =>
            number >= minimum ? number : throw new InputError($"{_path}/{name} must be >= {minimum}"),
        _ => throw new InputError($"{_path}/{name} must be integer"),
    };

    private bool Present(string name) => _object.ContainsKey(name);

    private JsonArray? Array(string name) =>
        Present(name) ? _object[name] as JsonArray ?? throw new InputError($"{_path}/{name} must be array") : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
