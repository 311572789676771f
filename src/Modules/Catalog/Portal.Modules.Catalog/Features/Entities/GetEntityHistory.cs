using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Domain;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// Who changed an entity, when and where, newest first, read from its event stream; removed entities keep theirs.
internal sealed record GetEntityHistory(string Uid) : IRequest<EntityHistory>;

internal sealed record EntityHistory(IReadOnlyList<EntityHistoryItem> Items);

internal sealed record EntityHistoryItem(string Type, DateTimeOffset Timestamp, string? Actor, IReadOnlyList<string> ChangedPaths);

internal sealed class GetEntityHistoryHandler(IEventSession<CatalogModule> session) : IRequestHandler<GetEntityHistory, EntityHistory>
{
    public async Task<EntityHistory> Handle(GetEntityHistory request, CancellationToken cancellationToken)
    {
        var events = Guid.TryParseExact(request.Uid, "D", out var uid)
            ? await session.Events.FetchStreamAsync(uid.ToString(), cancellationToken)
            : [];
        if (events.Count == 0)
        {
            throw new NotFoundError($"No entity with uid {request.Uid}");
        }

        return new EntityHistory(events.Reverse().Select(Item).ToList());
    }

    private static EntityHistoryItem Item(StoredEvent stored)
    {
        var (type, paths) = stored.Data switch
        {
            EntityRegistered => ("registered", []),
            EntityUpdated updated => ("updated", updated.ChangedPaths),
            EntityRelationsStitched => ("relationsStitched", ["relations"]),
            EntityRemoved => ("removed", []),
            _ => (stored.TypeName, (IReadOnlyList<string>)[]),
        };
        return new EntityHistoryItem(type, stored.Timestamp, stored.Metadata.User, paths);
    }
}

internal sealed class GetEntityHistoryEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entities/by-uid/{uid}/history", HandleAsync)
            .WithName("getEntityHistoryByUid")
            .WithTags("Entities")
            .WithSummary("Get the change history of an entity by UID")
            .WithDescription(
                "The entity's events, newest first: registered; updated, with the JSON paths that changed; relationsStitched, when "
                + "the relations it has, its own and those other entities give it, changed (recorded once the catalog is quiet); removed.");

    private static async Task<Ok<EntityHistory>> HandleAsync(string uid, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEntityHistory(uid), ct));
}
