using System.Text.Json.Serialization;
using FluentValidation;
using Npgsql;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// Asks for an entity to be read again now: the location that provides it is processed at once instead of at its next
// interval. The answer comes before the processing (catalog-behaviour.md §13); the event records who asked.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RefreshEntity(string? EntityRef, string? AuthorizationToken) : IRequest<Guid>;

internal sealed class RefreshEntityValidator : AbstractValidator<RefreshEntity>
{
    public RefreshEntityValidator() =>
        RuleFor(x => x.EntityRef).NotNull().WithMessage("request/body must have required property 'entityRef'").OverridePropertyName("");
}

internal sealed class RefreshEntityHandler(IEventSession<CatalogModule> session, NpgsqlDataSource database, LocationProcessingSignal signal)
    : IRequestHandler<RefreshEntity, Guid>
{
    private const string ProviderSql = """
        select p.location_id from catalog.location_entities p join catalog.entities e on e.entity_ref = p.entity_ref where p.entity_ref = $1
        """;

    public async Task<Guid> Handle(RefreshEntity request, CancellationToken cancellationToken)
    {
        var entityRef = request.EntityRef!.ToLowerInvariant();
        await using var command = database.CreateCommand(ProviderSql);
        command.Parameters.Add(new NpgsqlParameter { Value = entityRef });
        if (await command.ExecuteScalarAsync(cancellationToken) is not Guid locationId)
        {
            throw new NotFoundError($"Entity {entityRef} not found");
        }

        session.Events.Append(locationId.ToString(), new LocationRefreshRequested(locationId, entityRef));
        await session.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return locationId;
    }
}

internal sealed class RefreshEntityEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalog/refresh", HandleAsync)
            .WithName("refreshEntity")
            .WithTags("Entities")
            .WithSummary("Refresh entity");

    private static async Task<IResult> HandleAsync(RefreshEntity request, ISender sender, CancellationToken ct)
    {
        await sender.Send(request, ct);
        return Results.Ok();
    }
}
