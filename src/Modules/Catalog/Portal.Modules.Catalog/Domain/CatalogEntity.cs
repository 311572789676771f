using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain;

// Stored events of one entity's stream (stream id = uid). Never rename or remove a field once released; their stable
// names are registered in CatalogModule. Entity is the content as written: no uid, etag or relations.
internal sealed record EntityRegistered(Guid Uid, string EntityRef, JsonObject Entity, string Etag, string Hash);

internal sealed record EntityUpdated(JsonObject Entity, string Etag, string Hash, IReadOnlyList<string> ChangedPaths);

internal sealed record EntityRemoved(Guid Uid, string EntityRef);

// Write model of a catalog entity. Decisions return the events to append and never mutate; Apply never decides.
internal sealed record CatalogEntity(Guid Uid, string Ref, string Etag, string Hash, JsonObject Content, bool Removed)
{
    public static EntityRegistered Register(Guid uid, EntityContent content) =>
        new(uid, content.Ref.ToString(), content.Json, content.Etag, content.Hash);

    public IReadOnlyList<object> Update(EntityContent content) =>
        content.Hash == Hash
            ? []
            : [new EntityUpdated(content.Json, content.Etag, content.Hash, EntityContent.ChangedPaths(Content, content.Json))];

    public EntityRemoved Remove() => new(Uid, Ref);

    public static CatalogEntity Create(EntityRegistered e) => new(e.Uid, e.EntityRef, e.Etag, e.Hash, e.Entity, Removed: false);

    public CatalogEntity Apply(EntityUpdated e) => this with { Etag = e.Etag, Hash = e.Hash, Content = e.Entity };

    public CatalogEntity Apply(EntityRemoved e) => this with { Removed = true };
}
