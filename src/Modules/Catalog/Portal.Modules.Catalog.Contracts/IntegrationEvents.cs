namespace Portal.Modules.Catalog.Contracts;

/// <summary>Published after an entity was created or changed: its content, or the relations other entities give it
/// (recorded once the catalog is quiet). <see cref="Etag"/> is the entity's new <c>metadata.etag</c>.</summary>
public sealed record EntityUpserted(Guid Uid, string EntityRef, string Etag, bool Created);

/// <summary>Published after an entity left the catalog.</summary>
public sealed record EntityRemoved(Guid Uid, string EntityRef);
