using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain;

// Stored events of one entity's stream (stream id = uid). Never rename or remove a field once released; their stable
// names are registered in CatalogModule. Entity is the content as written: no uid, etag or relations.
internal sealed record EntityRegistered(Guid Uid, string EntityRef, JsonObject Entity, string Etag, string Hash);

internal sealed record EntityUpdated(JsonObject Entity, string Etag, string Hash, IReadOnlyList<string> ChangedPaths);

// The entity's relations, both the ones its spec states and the ones other entities point at it, once they differ from
// the last recorded (none at registration). RelationsDigest is EntityEtag's digest of them as served.
internal sealed record EntityRelationsStitched(IReadOnlyList<StitchedRelation> Relations, string RelationsDigest, string Etag);

internal sealed record StitchedRelation(string Type, string TargetRef);

internal sealed record EntityRemoved(Guid Uid, string EntityRef);

// Write model of a catalog entity. Decisions return the events to append and never mutate; Apply never decides.
internal sealed record CatalogEntity(Guid Uid, string Ref, string Etag, string Hash, string RelationsDigest, JsonObject Content, bool Removed)
{
    public static EntityRegistered Register(Guid uid, EntityContent content) =>
        new(uid, content.Ref.ToString(), content.Json, EntityEtag.Of(content.Hash, EntityEtag.NoRelations), content.Hash);

    public IReadOnlyList<object> Update(EntityContent content) =>
        content.Hash == Hash
            ? []
            : [new EntityUpdated(content.Json, EntityEtag.Of(content.Hash, RelationsDigest), content.Hash, EntityContent.ChangedPaths(Content, content.Json))];

    public EntityRemoved Remove() => new(Uid, Ref);

    public static CatalogEntity Create(EntityRegistered e) =>
        new(e.Uid, e.EntityRef, e.Etag, e.Hash, EntityEtag.NoRelations, e.Entity, Removed: false);

    public CatalogEntity Apply(EntityUpdated e) => this with { Etag = e.Etag, Hash = e.Hash, Content = e.Entity };

    public CatalogEntity Apply(EntityRelationsStitched e) => this with { Etag = e.Etag, RelationsDigest = e.RelationsDigest };

    public CatalogEntity Apply(EntityRemoved e) => this with { Removed = true };
}
