using System.Text.Json.Nodes;
using Portal.SharedKernel.Mediator;

namespace Portal.Modules.Catalog.Contracts;

/// <summary>
/// Writes entities straight into the catalog, in process: each is validated as Backstage does, keyed by its ref
/// (kind:namespace/name), created or updated only when its content changed. All or nothing: one invalid entity
/// rejects the whole batch with an <c>InputError</c> naming the entity and field. A batch that races another write of
/// one of its entities is decided again on what that write stored.
/// </summary>
public sealed record UpsertEntities(IReadOnlyList<JsonObject> Entities) : IRequest<IReadOnlyList<EntityWriteResult>>, IRetriedOnConcurrencyConflict;

/// <summary>What an upsert did to one entity, in the order the entities were given.</summary>
public sealed record EntityWriteResult(string EntityRef, Guid Uid, string Etag, EntityChange Change);

public enum EntityChange
{
    Created,
    Updated,
    Unchanged,
}
