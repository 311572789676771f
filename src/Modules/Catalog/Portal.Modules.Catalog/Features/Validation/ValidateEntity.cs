using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Domain.Validation;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Validation;

// Lets a client check an entity before registering it: the answer is what ingestion would say, nothing is stored
// (catalog-behaviour.md §9). A body that is not even shaped right gets the standard error envelope; problems with the
// entity itself come back as {"errors":[...]}, each a serialized Backstage error.
internal sealed record ValidateEntity(string? ContentType, string Body) : IRequest<IReadOnlyList<JsonObject>>;

internal sealed class ValidateEntityHandler : IRequestHandler<ValidateEntity, IReadOnlyList<JsonObject>>
{
    public Task<IReadOnlyList<JsonObject>> Handle(ValidateEntity request, CancellationToken cancellationToken) =>
        Task.FromResult(Validate(request));

    private static IReadOnlyList<JsonObject> Validate(ValidateEntity request)
    {
        if (ContentTypeError(request.ContentType) is { } contentType)
        {
            return [Error("InputError", contentType)];
        }

        var (entity, location) = ReadBody(Parse(request.Body));
        var problems = EntityValidator.Validate(entity);

        // Backstage answers a broken envelope or location with that one error; processing problems all come back.
        if (problems.FirstOrDefault(p => p.Stage == EntityProblemStage.Envelope) is { } envelope)
        {
            return [Error("TypeError", envelope.Message)];
        }

        if (LocationError(location) is { } locationError)
        {
            return [locationError];
        }

        var entityRef = EntityIdentity.RefOf(entity).ToString();
        var processor = BuiltinKinds.Find(entity)?.Processor;
        return [.. problems.Select(p => p.Stage switch
        {
            EntityProblemStage.Policy => Error("InputError", $"Policy check failed for {entityRef}; caused by Error: {p.Message}", Error("Error", p.Message)),
            EntityProblemStage.KindSchema => Error("InputError",
                $"Processor {processor} threw an error while validating the entity {entityRef}; caused by TypeError: {p.Message}", Error("TypeError", p.Message)),
            EntityProblemStage.Relations => Error("InputError",
                $"Processor {processor} threw an error while postprocessing; caused by Error: {p.Message}", Error("Error", p.Message)),
            _ => Error("InputError", p.Message),
        })];
    }

    private static string? ContentTypeError(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "Content-Type missing";
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            ? null
            : "Illegal Content-Type";
    }

    // An empty body counts as {} (as in Express). Repeated keys are refused: a JsonObject cannot hold them and would fail
    // later, as a 500.
    private static JsonNode? Parse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body)
                ? new JsonObject()
                : JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new InputError($"The request body is not valid JSON: {ex.Message}");
        }
    }

    // The request schema check of the OpenAPI layer: first failure only, in its wording.
    private static (JsonObject Entity, string Location) ReadBody(JsonNode? body)
    {
        if (body is not JsonObject fields)
        {
            throw new InputError("request/body must be object");
        }

        foreach (var required in (string[])["entity", "location"])
        {
            if (!fields.ContainsKey(required))
            {
                throw new InputError($"request/body must have required property '{required}'");
            }
        }

        var entity = fields["entity"] as JsonObject ?? throw new InputError("request/body/entity must be object");
        return SchemaChecker.TryGetString(fields["location"], out var location)
            ? (entity, location)
            : throw new InputError("request/body/location must be string");
    }

    private static JsonObject? LocationError(string location)
    {
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == location.Length - 1)
        {
            return Error("TypeError", $"Unable to parse location ref '{location}', expected '<type>:<target>', e.g. 'url:https://host/path'");
        }

        return location[..colon] == "url"
            ? null
            : Error("InputError", $"Invalid location ref {location}, only 'url:<target>' is supported, e.g. url:https://host/path");
    }

    private static JsonObject Error(string name, string message, JsonObject? cause = null)
    {
        var error = new JsonObject { ["name"] = name, ["message"] = message };
        if (cause is not null)
        {
            error["cause"] = cause;
        }

        return error;
    }
}

internal sealed class ValidateEntityEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalog/validate-entity", HandleAsync)
            .WithName("validateEntity")
            .WithTags("Entities")
            .WithSummary("Validate entity")
            .Produces(StatusCodes.Status200OK)
            .Produces<JsonObject>(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpRequest http, ISender sender, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Body);
        var errors = await sender.Send(new ValidateEntity(http.ContentType, await reader.ReadToEndAsync(ct)), ct);
        return errors.Count == 0 ? Results.Ok() : Results.Json(new JsonObject { ["errors"] = new JsonArray([.. errors]) }, statusCode: 400);
    }
}
