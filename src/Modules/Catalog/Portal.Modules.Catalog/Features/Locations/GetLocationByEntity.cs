using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// The registered location an entity came from: the one whose type:target is the entity's managed-by-origin-location.
internal sealed record GetLocationByEntity(string Kind, string Namespace, string Name) : IRequest<LocationView>;

internal sealed class GetLocationByEntityHandler(NpgsqlDataSource database, LocationReader reader) : IRequestHandler<GetLocationByEntity, LocationView>
{
    private const string OriginSql =
        $"select entity -> 'metadata' -> 'annotations' ->> '{LocationAnnotations.ManagedByOriginLocation}' from catalog.entities where entity_ref = $1";

    public async Task<LocationView> Handle(GetLocationByEntity request, CancellationToken cancellationToken)
    {
        var entityRef = $"{request.Kind}:{request.Namespace}/{request.Name}".ToLowerInvariant();
        await using var command = database.CreateCommand(OriginSql);
        command.Parameters.Add(new NpgsqlParameter { Value = entityRef });
        await using var found = await command.ExecuteReaderAsync(cancellationToken);
        if (!await found.ReadAsync(cancellationToken))
        {
            throw new NotFoundError($"found no entity for ref {entityRef}");
        }

        var origin = await found.IsDBNullAsync(0, cancellationToken) ? null : found.GetString(0);
        return LocationKey.TryParse(origin, out var key) && await reader.ByKeyAsync(key.Value, cancellationToken) is { } location
            ? location
            : throw new NotFoundError(key is { } k ? $"Found no location with type {k.Type} and target {k.Target}" : $"Entity {entityRef} has no origin location");
    }
}

internal sealed class GetLocationByEntityEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/locations/by-entity/{kind}/{namespace}/{name}", HandleAsync)
            .WithName("getLocationByEntity")
            .WithTags("Locations")
            .WithSummary("Get location by entity");

    private static async Task<Ok<LocationView>> HandleAsync(string kind, string @namespace, string name, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetLocationByEntity(kind, @namespace, name), ct));
}
