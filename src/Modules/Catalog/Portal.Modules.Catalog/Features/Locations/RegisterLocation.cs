using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using Npgsql;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// Registers a location after reading it once: a target that cannot be read or parsed, or any invalid entity in its
// tree, is a 400 naming file, document and field. The processing agent then ingests it. A dry run stores nothing and
// answers with the entities the location would provide (catalog-behaviour.md §12.2).
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record LocationBody(string? Type, string? Target, string? Presence);

internal sealed record RegisterLocation(LocationBody Body, bool DryRun, bool RefreshOnConflict) : IRequest<LocationRegistration>;

// Backstage's {location, entities} and the extended document's fields side by side.
internal sealed record RegisteredLocation(LocationView Location, IReadOnlyList<JsonObject> Entities, string LocationId, string Type, string Target, string Status);

internal sealed record LocationPreview(bool Exists, PreviewedLocation Location, IReadOnlyList<JsonObject> Entities);

internal sealed record PreviewedLocation(
    string Type, string Target, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Presence, string Id, string EntityRef);

internal sealed record LocationRegistration(RegisteredLocation? Registered, LocationPreview? Preview);

internal sealed class RegisterLocationValidator : AbstractValidator<RegisterLocation>
{
    public RegisterLocationValidator()
    {
        RuleFor(x => x.Body.Target).NotNull().WithMessage("request/body must have required property 'target'").OverridePropertyName("");
        RuleFor(x => x.Body.Type).NotNull().WithMessage("request/body must have required property 'type'").OverridePropertyName("");
        RuleFor(x => x.Body.Target).NotEmpty().WithMessage("request/body/target must NOT have fewer than 1 characters").OverridePropertyName("")
            .When(x => x.Body.Target is not null);
        RuleFor(x => x.Body.Presence).Must(p => p is null or "required" or "optional")
            .WithMessage("request/body/presence must be equal to one of the allowed values: required, optional").OverridePropertyName("");
    }
}

internal sealed class RegisterLocationHandler(
    IEventSession<CatalogModule> session,
    LocationReaders readers,
    LocationWalker walker,
    LocationReader locations,
    RegisteredWalks registeredWalks,
    LocationProcessingSignal signal)
    : IRequestHandler<RegisterLocation, LocationRegistration>
{
    private const int ProblemsShown = 20;

    public async Task<LocationRegistration> Handle(RegisterLocation request, CancellationToken cancellationToken)
    {
        var key = new LocationKey(request.Body.Type!, request.Body.Target!);
        if (!readers.IsAllowed(key.Type))
        {
            throw new InputError($"Registered locations must be of an allowed type [{string.Join(",", readers.AllowedTypes.Select(t => $"\"{t}\""))}]");
        }

        var existing = await locations.ByKeyAsync(key, cancellationToken);
        if (existing is not null && !request.DryRun)
        {
            return new LocationRegistration(await RefreshExistingAsync(existing, request, cancellationToken), null);
        }

        var walk = await walker.WalkAsync(key, request.Body.Presence, cancellationToken);
        if (walk.Problems.ToList() is { Count: > 0 } problems)
        {
            var more = problems.Count > ProblemsShown ? $"; and {problems.Count - ProblemsShown} more" : "";
            throw new InputError($"Invalid location {key}: {string.Join("; ", problems.Take(ProblemsShown))}{more}");
        }

        if (request.DryRun)
        {
            var previewed = new PreviewedLocation(key.Type, key.Target, request.Body.Presence, key.ToString(), walk.RootEntity.Ref!);
            return new LocationRegistration(null, new LocationPreview(existing is not null, previewed, [.. walk.Entities.Select(e => e.Entity)]));
        }

        var id = Guid.NewGuid();
        var registered = Location.Register(id, key, request.Body.Presence);
        session.Events.StartStream<Location>(id.ToString(), registered);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "locations" })
        {
            throw new ConflictError($"Location {key} already exists", ex);
        }

        registeredWalks.Keep(id, walk);
        signal.Wake();
        return new LocationRegistration(Created(new LocationView(id.ToString(), key.Type, key.Target, registered.EntityRef)), null);
    }

    // Backstage's onConflict=refresh answers with the existing location and reprocesses it now.
    private async Task<RegisteredLocation> RefreshExistingAsync(LocationView existing, RegisterLocation request, CancellationToken cancellationToken)
    {
        if (!request.RefreshOnConflict)
        {
            throw new ConflictError($"Location {existing.Type}:{existing.Target} already exists");
        }

        session.Events.Append(existing.Id, new LocationRefreshRequested(Guid.Parse(existing.Id), existing.EntityRef));
        await session.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return Created(existing);
    }

    private static RegisteredLocation Created(LocationView location) =>
        new(location, [], location.Id, location.Type, location.Target, "processing");
}

internal sealed class RegisterLocationEndpoint : IEndpointModule
{
    private static readonly string[] Truthy = ["true", "yes", "1", "y", "on"];

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalog/locations", HandleAsync)
            .WithName("createLocation")
            .WithTags("Locations")
            .WithSummary("Create a location");

    private static async Task<IResult> HandleAsync(LocationBody body, HttpRequest http, ISender sender, CancellationToken ct)
    {
        var unknown = http.Query.Keys.FirstOrDefault(name => name is not ("dryRun" or "onConflict"));
        if (unknown is not null)
        {
            throw new InputError($"Unknown query parameter '{unknown}'");
        }

        var onConflict = http.Query["onConflict"].ToString();
        if (onConflict is not ("" or "reject" or "refresh"))
        {
            throw new InputError("request/query/onConflict must be equal to one of the allowed values: refresh, reject");
        }

        var dryRun = Truthy.Contains(http.Query["dryRun"].ToString(), StringComparer.OrdinalIgnoreCase);
        var outcome = await sender.Send(new RegisterLocation(body, dryRun, onConflict == "refresh"), ct);
        return outcome.Registered is { } registered
            ? TypedResults.Created($"/api/catalog/locations/{registered.LocationId}", registered)
            : TypedResults.Json(outcome.Preview, statusCode: StatusCodes.Status201Created);
    }
}
