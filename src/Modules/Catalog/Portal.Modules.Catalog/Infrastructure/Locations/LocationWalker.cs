using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Domain.Validation;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// Reads a registered location and follows the Location entities in it, level by level, reading each level's files
// concurrently. Each target is read once per walk; a target that is already on its own chain is a cycle, and chains
// longer than Catalog:Locations:MaxNestingDepth stop. Nothing here throws for bad content: problems are collected.
internal sealed class LocationWalker(LocationReaders readers, ScmUrls scm, IOptions<LocationOptions> options)
{
    private readonly LocationOptions _options = options.Value;

    public async Task<LocationWalk> WalkAsync(LocationKey root, string? presence, CancellationToken cancellationToken)
    {
        var walk = new Walk(root, scm);
        var rootEntity = walk.Emit(LocationAnnotations.GeneratedLocation(root, presence, scm), root, document: 0);
        var sources = new List<LocationSource>();
        List<Pending> level = [new(root, rootEntity.Ref!, 0, [root], IsOptional(presence))];
        using var gate = new SemaphoreSlim(_options.MaxConcurrentReads);
        while (level.Count > 0)
        {
            var reads = await Task.WhenAll(level.Select(pending => ReadAsync(pending.Location, gate, cancellationToken)));
            var next = new List<Pending>();
            sources.AddRange(level.Zip(reads, (pending, read) => Source(walk, pending, read, next)));
            level = next;
        }

        return new LocationWalk(root, rootEntity, sources);
    }

    private async Task<Read> ReadAsync(LocationKey location, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return new Read(await readers.ReadAsync(location, cancellationToken), null);
        }
        catch (LocationReadException ex)
        {
            return new Read(null, ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private LocationSource Source(Walk walk, Pending pending, Read read, List<Pending> next)
    {
        LocationSource Failed(LocationProblem? error) => new(pending.Location, pending.ParentRef, pending.Depth, null, error, [], []);

        if (read.Bytes is not { } bytes)
        {
            return read.Error!.Failure == LocationReadFailure.NotFound && pending.Optional
                ? Failed(null)
                : Failed(new LocationProblem(pending.Location, null, null, $"Unable to read: {read.Error.Message}"));
        }

        IReadOnlyList<CatalogYamlDocument> documents;
        try
        {
            documents = CatalogYaml.Parse(Text(bytes), new CatalogYamlLimits(_options.MaxDocumentsPerFile, _options.MaxAliasNodes, _options.MaxYamlDepth));
        }
        catch (CatalogYamlException ex)
        {
            return Failed(new LocationProblem(pending.Location, ex.Document, null, ex.Message));
        }

        var entities = new List<EmittedEntity>(documents.Count);
        var problems = new List<LocationProblem>();
        foreach (var document in documents)
        {
            var entity = walk.Emit(document.Entity, pending.Location, document.Number);
            entities.Add(entity);
            if (entity.IsValid && entity.Ref!.StartsWith("location:", StringComparison.Ordinal))
            {
                next.AddRange(Children(walk, pending, entity, problems));
            }
        }

        return new LocationSource(pending.Location, pending.ParentRef, pending.Depth, Convert.ToHexStringLower(SHA256.HashData(bytes)), null, entities, problems);
    }

    // The targets of a Location entity, resolved against the file it came from; its type defaults to that file's.
    private IEnumerable<Pending> Children(Walk walk, Pending parent, EmittedEntity location, List<LocationProblem> problems)
    {
        var spec = location.Entity["spec"] as JsonObject;
        var type = SchemaChecker.TryGetString(spec?["type"], out var given) ? given : parent.Location.Type;
        var targets = (spec?["targets"] as JsonArray ?? []).Prepend(spec?["target"]).Where(t => t is not null).Select(t => t!.GetValue<string>());
        foreach (var target in targets)
        {
            LocationProblem Problem(string message) => new(parent.Location, location.Document, "spec.target", message);

            if (!readers.IsAllowed(type))
            {
                problems.Add(Problem($"locations of type '{type}' are not allowed"));
            }
            else if (Resolve(type, target, parent.Location) is not { } key)
            {
                problems.Add(Problem($"'{target}' cannot be read from a {parent.Location.Type} location"));
            }
            else if (parent.Chain.Contains(key))
            {
                problems.Add(Problem($"Location cycle: {string.Join(" -> ", parent.Chain.Append(key))}"));
            }
            else if (parent.Depth >= _options.MaxNestingDepth)
            {
                problems.Add(Problem($"Locations nested deeper than {_options.MaxNestingDepth} levels (Catalog:Locations:MaxNestingDepth); {key} was not read"));
            }
            else if (walk.Visit(key))
            {
                yield return new Pending(key, location.Ref!, parent.Depth + 1, [.. parent.Chain, key], IsOptional(spec?["presence"]?.ToString()));
            }
        }
    }

    // Files may only lead to files, and a remote file never to the host's disk.
    private LocationKey? Resolve(string type, string target, LocationKey parent) => (type, parent.Type) switch
    {
        (LocationKey.Url, LocationKey.Url) => new LocationKey(type, scm.Resolve(target, new Uri(parent.Target)).AbsoluteUri),
        (LocationKey.Url, _) when Uri.TryCreate(target, UriKind.Absolute, out var url) => new LocationKey(type, url.AbsoluteUri),
        (LocationKey.File, LocationKey.File) => new LocationKey(type, Path.GetFullPath(target, Path.GetDirectoryName(parent.Target)!)),
        _ => null,
    };

    private static string Text(byte[] bytes)
    {
        var preamble = Encoding.UTF8.Preamble;
        return Encoding.UTF8.GetString(bytes.AsSpan().StartsWith(preamble) ? bytes.AsSpan(preamble.Length) : bytes);
    }

    private static bool IsOptional(string? presence) => presence == "optional";

    private sealed record Read(byte[]? Bytes, LocationReadException? Error);

    private sealed record Pending(LocationKey Location, string ParentRef, int Depth, IReadOnlyList<LocationKey> Chain, bool Optional);

    // What one walk has seen so far: entity refs (the first emission of a ref wins) and the targets already queued.
    private sealed class Walk(LocationKey root, ScmUrls scm)
    {
        private readonly HashSet<string> _refs = new(StringComparer.Ordinal);
        private readonly HashSet<LocationKey> _targets = [root];

        public bool Visit(LocationKey target) => _targets.Add(target);

        public EmittedEntity Emit(JsonObject read, LocationKey location, int document)
        {
            var entity = LocationAnnotations.Annotate(EntityNormalizer.Normalize(read), location, root, scm);
            var problems = EntityValidator.Validate(entity).Select(p => new LocationProblem(location, document, p.Field, p.Message)).ToList();
            var entityRef = EntityIdentity.RefOf(entity) is { Kind.Length: > 0, Name.Length: > 0 } parsed ? parsed.ToString() : null;
            if (entityRef is not null && !_refs.Add(entityRef))
            {
                problems.Add(new LocationProblem(location, document, null, $"Duplicate nested entity: {entityRef}"));
            }

            return new EmittedEntity(entity, entityRef, location, document, problems);
        }
    }
}
