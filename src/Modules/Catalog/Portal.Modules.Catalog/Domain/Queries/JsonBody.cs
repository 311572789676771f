using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// Reads a JSON request body with the checks and messages of Backstage's OpenAPI layer (catalog-behaviour.md §0.2):
// a body that is not an object, a missing required property, an unknown property or a wrong type is a 400.
internal sealed class JsonBody
{
    private readonly JsonObject _body;

    private JsonBody(JsonObject body) => _body = body;

    public static async Task<JsonBody> ReadAsync(HttpRequest request, string[] required, string[] optional, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = request.ContentLength == 0 ? new JsonObject() : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) ?? new JsonObject();
        }
        catch (JsonException)
        {
            throw new InputError("The request body is not well-formed JSON");
        }

        if (node is not JsonObject body)
        {
            throw new InputError("request/body must be object");
        }

        var missing = required.FirstOrDefault(name => !body.ContainsKey(name));
        if (missing is not null)
        {
            throw new InputError($"request/body must have required property '{missing}'");
        }

        var unknown = body.Select(p => p.Key).FirstOrDefault(name => !required.Contains(name) && !optional.Contains(name));
        return unknown is null
            ? new JsonBody(body)
            : throw new InputError($"request/body must NOT have additional properties, found '{unknown}'");
    }

    public JsonNode? Node(string name) => _body[name];

    public IReadOnlyList<string>? Strings(string name) => _body[name] switch
    {
        null when !_body.ContainsKey(name) => null,
        JsonArray items => items.Select((item, i) => item is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw new InputError($"request/body/{name}/{i} must be string")).ToList(),
        _ => throw new InputError($"request/body/{name} must be array"),
    };

    public string? String(string name) => _body[name] switch
    {
        null when !_body.ContainsKey(name) => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        _ => throw new InputError($"request/body/{name} must be string"),
    };

    public int? Integer(string name, int minimum) => _body[name] switch
    {
        null when !_body.ContainsKey(name) => null,
        JsonValue value when value.TryGetValue(out int number) => number >= minimum ? number : throw new InputError($"request/body/{name} must be >= {minimum}"),
        _ => throw new InputError($"request/body/{name} must be integer"),
    };
}
