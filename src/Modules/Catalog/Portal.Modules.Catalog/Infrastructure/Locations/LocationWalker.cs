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
        var walk = new Walk();
        walk.Visit(root);
        var rootEntity = walk.Claim(Prepare(LocationAnnotations.GeneratedLocation(root, presence, scm), root, root, document: 0));
        var sources = new List<LocationSource>();
        List<Pending> level = [new(root, rootEntity.Ref!, 0, [root], IsOptional(presence))];
        using var gate = new SemaphoreSlim(_options.MaxConcurrentReads);
        while (level.Count > 0)
        {
            var reads = await Task.WhenAll(level.Select(pending => ReadAsync(pending.Location, root, gate, cancellationToken)));
            var next = new List<Pending>();
            sources.AddRange(level.Zip(reads, (pending, read) => Source(walk, pending, read, next)));
            level = next;
        }

        return new LocationWalk(root, rootEntity, sources);
    }

    // Reads and parses one file; files are parsed in parallel, what depends on the order of the walk comes after.
    private async Task<Read> ReadAsync(LocationKey location, LocationKey root, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await gate.WaitAsync(cancellationToken);
        try
        {
            bytes = await readers.ReadAsync(location, cancellationToken);
        }
        catch (LocationReadException ex)
        {
            return new Read(null, $"Unable to read: {ex.Message}", null, ex.Failure == LocationReadFailure.NotFound, []);
        }
        finally
        {
            gate.Release();
        }

        return await Task.Run(() => Parse(bytes, location, root), cancellationToken);
    }

    private Read Parse(byte[] bytes, LocationKey location, LocationKey root)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            var limits = new CatalogYamlLimits(_options.MaxDocumentsPerFile, _options.MaxAliasNodes, _options.MaxYamlDepth);
            var entities = CatalogYaml.Parse(Text(bytes), limits).Select(document => Prepare(document.Entity, location, root, document.Number)).ToList();
            return new Read(hash, null, null, false, entities);
        }
        catch (CatalogYamlException ex)
        {
            return new Read(null, ex.Message, ex.Document, false, []);
        }
    }

    // An entity as the catalog would store it: normalized, annotated, validated.
    private EmittedEntity Prepare(JsonObject read, LocationKey location, LocationKey root, int document)
    {
        var entity = LocationAnnotations.Annotate(EntityNormalizer.Normalize(read), location, root, scm);
        var problems = EntityValidator.Validate(entity).Select(p => new LocationProblem(location, document, p.Field, p.Message)).ToList();
        var entityRef = EntityIdentity.RefOf(entity) is { Kind.Length: > 0, Name.Length: > 0 } parsed ? parsed.ToString() : null;
        return new EmittedEntity(entity, entityRef, location, document, problems);
    }

    private LocationSource Source(Walk walk, Pending pending, Read read, List<Pending> next)
    {
        if (read.ContentHash is not { } hash)
        {
            var error = read.NotFound && pending.Optional ? null : new LocationProblem(pending.Location, read.ErrorDocument, null, read.Error!);
            return new LocationSource(pending.Location, pending.ParentRef, pending.Depth, null, error, [], []);
        }

        var entities = new List<EmittedEntity>(read.Entities.Count);
        var problems = new List<LocationProblem>();
        foreach (var entity in read.Entities.Select(walk.Claim))
        {
            entities.Add(entity);
            if (entity.IsValid && entity.Ref!.StartsWith("location:", StringComparison.Ordinal))
            {
                next.AddRange(Children(walk, pending, entity, problems));
            }
        }

        return new LocationSource(pending.Location, pending.ParentRef, pending.Depth, hash, null, entities, problems);
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

    // A file read and parsed, or why not (Error, and the document it is about).
    private sealed record Read(string? ContentHash, string? Error, int? ErrorDocument, bool NotFound, IReadOnlyList<EmittedEntity> Entities);

    private sealed record Pending(LocationKey Location, string ParentRef, int Depth, IReadOnlyList<LocationKey> Chain, bool Optional);

    // What one walk has seen so far: entity refs (the first emission of a ref wins) and the targets already queued.
    private sealed class Walk
    {
        private readonly HashSet<string> _refs = new(StringComparer.Ordinal);
        private readonly HashSet<LocationKey> _targets = [];

        public bool Visit(LocationKey target) => _targets.Add(target);

        public EmittedEntity Claim(EmittedEntity entity) =>
            entity.Ref is null || _refs.Add(entity.Ref)
                ? entity
                : entity with { Problems = [.. entity.Problems, new LocationProblem(entity.Location, entity.Document, null, $"Duplicate nested entity: {entity.Ref}")] };
    }
}
