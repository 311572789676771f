using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Locations;

// One walk of a registered location: its generated Location entity, then every file read below it, breadth first.
internal sealed record LocationWalk(LocationKey Root, EmittedEntity RootEntity, IReadOnlyList<LocationSource> Sources)
{
    public IEnumerable<EmittedEntity> Entities => Sources.SelectMany(source => source.Entities).Prepend(RootEntity);

    public IEnumerable<LocationProblem> Problems =>
        Sources.SelectMany(source => (source.Error is null ? source.Problems : source.Problems.Prepend(source.Error))
            .Concat(source.Entities.SelectMany(entity => entity.Problems)));
}

// A file or URL read in a walk. ParentRef is the Location entity that pointed at it; ContentHash is null when nothing
// was read (an error, or an optional target that is missing). An Error means the source as a whole is unusable.
internal sealed record LocationSource(
    LocationKey Location,
    string ParentRef,
    int Depth,
    string? ContentHash,
    LocationProblem? Error,
    IReadOnlyList<EmittedEntity> Entities,
    IReadOnlyList<LocationProblem> Problems);

// An entity as read, normalized and annotated; Ref is null when it has no usable kind and name. Entities with problems
// are kept in the walk, so the catalog can mark what it already holds instead of losing it.
internal sealed record EmittedEntity(JsonObject Entity, string? Ref, LocationKey Location, int Document, IReadOnlyList<LocationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

// What went wrong, naming the file, and where known the document (1-based) and field.
internal sealed record LocationProblem(LocationKey Location, int? Document, string? Field, string Message)
{
    public override string ToString() =>
        $"{Location}{(Document is { } document ? $", document {document}" : "")}{(Field is null ? "" : $", {Field}")}: {Message}";
}
