namespace Portal.Modules.Catalog.Domain.Locations;

// Stored events of a registered location's stream (stream id = location id). Who registered, asked for a refresh or
// processed is in each event's metadata. Never rename or remove a field once released; names are set in CatalogModule.
internal sealed record LocationRegistered(Guid Id, string Type, string Target, string? Presence, string EntityRef);

internal sealed record LocationRefreshRequested(Guid Id, string EntityRef);

// A file of the location read with new content (or a new parent, or new problems): the entities it provides now.
internal sealed record LocationSourceRead(Guid Id, string Source, string ParentRef, string ContentHash, IReadOnlyList<string> EntityRefs, IReadOnlyList<string> Problems);

// A file no longer reached from the location.
internal sealed record LocationSourceDropped(Guid Id, string Source);

internal sealed record LocationStatusChanged(Guid Id, IReadOnlyList<string> Errors);

internal sealed record LocationRemoved(Guid Id, string Type, string Target);

// Write model of a registered location. Processing state lives in the read model it keeps (see LocationProjection).
internal sealed record Location(Guid Id, LocationKey Key, string EntityRef, bool Removed)
{
    public static LocationRegistered Register(Guid id, LocationKey key, string? presence) =>
        new(id, key.Type, key.Target, presence, GeneratedRef(key));

    // The lower-case ref of the Location entity that stands for a registered location.
    public static string GeneratedRef(LocationKey key) => $"location:{Domain.EntityRef.DefaultNamespace}/{key.GeneratedEntityName}";

    public LocationRemoved Remove() => new(Id, Key.Type, Key.Target);

    public static Location Create(LocationRegistered e) => new(e.Id, new LocationKey(e.Type, e.Target), e.EntityRef, Removed: false);

    public Location Apply(LocationRemoved e) => this with { Removed = true };
}
