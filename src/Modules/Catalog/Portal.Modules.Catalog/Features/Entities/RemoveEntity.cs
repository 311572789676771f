using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Contracts;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// Takes an entity out of the catalog: its rows and the relations it originated go, its stream keeps the history.
// Written again later, the same ref gets a new uid, as in Backstage.
internal sealed class RemoveEntityHandler(IEventSession<CatalogModule> session) : IRequestHandler<RemoveEntity, EntityRemoved>
{
    public async Task<EntityRemoved> Handle(RemoveEntity request, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Domain.CatalogEntity>(request.Uid.ToString(), cancellationToken);
        if (stream.Aggregate is not { Removed: false } entity)
        {
            throw new NotFoundError($"No entity with uid {request.Uid}");
        }

        stream.AppendOne(entity.Remove());
        var removed = new EntityRemoved(entity.Uid, entity.Ref);
        await session.PublishAsync(removed);
        await session.SaveChangesAsync(cancellationToken);
        return removed;
    }
}

internal sealed class RemoveEntityEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete("/api/catalog/entities/by-uid/{uid}", HandleAsync)
            .WithName("deleteEntityByUid")
            .WithTags("Entities")
            .WithSummary("Delete entity by UID");

    // Backstage answers 204 whether or not the entity existed, for any uid text (catalog-behaviour.md §6).
    private static async Task<NoContent> HandleAsync(string uid, ISender sender, CancellationToken ct)
    {
        if (Guid.TryParseExact(uid, "D", out var id))
        {
            try
            {
                await sender.Send(new RemoveEntity(id), ct);
            }
            catch (NotFoundError)
            {
                // already gone: the same answer as a removal
            }
        }

        return TypedResults.NoContent();
    }
}
