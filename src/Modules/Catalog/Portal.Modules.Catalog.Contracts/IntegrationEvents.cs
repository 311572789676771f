namespace Portal.Modules.Catalog.Contracts;

/// <summary>Published after an entity was created or its content changed.</summary>
public sealed record EntityUpserted(Guid Uid, string EntityRef, string Etag, bool Created);

/// <summary>Published after an entity left the catalog.</summary>
public sealed record EntityRemoved(Guid Uid, string EntityRef);
