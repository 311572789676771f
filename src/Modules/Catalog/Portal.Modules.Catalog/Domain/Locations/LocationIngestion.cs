using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Locations;

// What a location's last processing left: the files it reached, what each provided, and its errors.
internal sealed record LocationState(Guid Id, LocationKey Key, string? Presence, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, StoredSource> Sources);

internal sealed record StoredSource(string ParentRef, string ContentHash, IReadOnlyList<string> EntityRefs, IReadOnlyList<string> Problems);

// The outcome of one walk: entities to write (as they should read now), entities that turned invalid (their stored
// version stays, marked with these problems), entities no longer provided, the events of the location's stream, and
// every problem found.
internal sealed record IngestionPlan(
    IReadOnlyList<JsonObject> Writes,
    IReadOnlyDictionary<string, IReadOnlyList<LocationProblem>> Invalid,
    IReadOnlyList<string> Orphans,
    IReadOnlyList<object> Events,
    IReadOnlyList<string> Errors);

// Decides what a walk changes. Only files whose content, parent or problems changed are written again (Location
// entities always are, since their status follows the files they point at; unchanged content writes no event). A file
// that fails keeps what it provided; after any failure nothing unreached counts as gone, since it may sit below the
// failure. An entity provided by another location stays that location's: a conflict, reported here.
internal static class LocationIngestion
{
    public const string ProcessingStatus = "backstage.io/catalog-processing";

    public static IngestionPlan Plan(LocationState state, LocationWalk walk, IReadOnlyDictionary<string, string> providedElsewhere)
    {
        var problemsBySource = walk.Sources.Select(source => (Source: source, Problems: Problems(source, providedElsewhere))).ToList();
        var statusByLocation = problemsBySource
            .GroupBy(pair => pair.Source.ParentRef, pair => pair.Problems, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.SelectMany(p => p).ToList(), StringComparer.Ordinal);

        var writes = new List<JsonObject> { WithStatus(walk.RootEntity.Entity, statusByLocation.GetValueOrDefault(walk.RootEntity.Ref!)) };
        var events = new List<object>();
        var invalid = new Dictionary<string, IReadOnlyList<LocationProblem>>(StringComparer.Ordinal);
        var provided = new HashSet<string>(StringComparer.Ordinal) { walk.RootEntity.Ref! };
        var recheck = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, problems) in problemsBySource)
        {
            var stored = state.Sources.GetValueOrDefault(source.Location.ToString());
            if (source.Error is not null)
            {
                provided.UnionWith(stored?.EntityRefs ?? []);
                continue;
            }

            var hash = source.ContentHash ?? "";
            var changed = stored is null || stored.ContentHash != hash || stored.ParentRef != source.ParentRef || stored.Problems.Count > 0 || problems.Count > 0;
            var refs = new List<string>();
            foreach (var entity in source.Entities.Where(e => e.Ref is not null && !providedElsewhere.ContainsKey(e.Ref)))
            {
                var isLocation = entity.Ref!.StartsWith("location:", StringComparison.Ordinal);
                if (entity.IsValid && (changed || isLocation))
                {
                    writes.Add(isLocation ? WithStatus(entity.Entity, statusByLocation.GetValueOrDefault(entity.Ref)) : entity.Entity);
                }

                // an entity that turned invalid keeps its last good version rather than disappearing
                if (entity.IsValid || stored?.EntityRefs.Contains(entity.Ref) == true)
                {
                    refs.Add(entity.Ref);
                }

                if (!entity.IsValid && stored?.EntityRefs.Contains(entity.Ref) == true)
                {
                    invalid[entity.Ref] = entity.Problems;
                }
            }

            if (changed)
            {
                events.Add(new LocationSourceRead(state.Id, source.Location.ToString(), source.ParentRef, hash, refs, [.. problems.Select(p => p.ToString())]));
            }

            recheck.UnionWith(stored?.EntityRefs ?? []);
            provided.UnionWith(refs);
        }

        var reached = walk.Sources.Select(s => s.Location.ToString()).ToHashSet(StringComparer.Ordinal);
        if (walk.Sources.All(s => s.Error is null))
        {
            foreach (var (source, stored) in state.Sources.Where(pair => !reached.Contains(pair.Key)))
            {
                events.Add(new LocationSourceDropped(state.Id, source));
                recheck.UnionWith(stored.EntityRefs);
            }
        }

        var errors = problemsBySource.SelectMany(pair => pair.Problems).Select(p => p.ToString()).ToList();
        if (!errors.SequenceEqual(state.Errors, StringComparer.Ordinal))
        {
            events.Add(new LocationStatusChanged(state.Id, errors));
        }

        return new IngestionPlan(writes, invalid, [.. recheck.Where(r => !provided.Contains(r)).Order(StringComparer.Ordinal)], events, errors);
    }

    private static List<LocationProblem> Problems(LocationSource source, IReadOnlyDictionary<string, string> providedElsewhere)
    {
        var problems = new List<LocationProblem>();
        if (source.Error is not null)
        {
            problems.Add(source.Error);
        }

        problems.AddRange(source.Problems);
        foreach (var entity in source.Entities)
        {
            problems.AddRange(entity.Problems);
            if (entity.Ref is not null && providedElsewhere.TryGetValue(entity.Ref, out var owner))
            {
                problems.Add(new LocationProblem(source.Location, entity.Document, null, $"Entity {entity.Ref} is already provided by location {owner}"));
            }
        }

        return problems;
    }

    // Processing errors in status.items, as Backstage shows them: a Location entity carries the problems of the files it
    // points at, an entity that turned invalid its own. Any earlier status is replaced.
    public static JsonObject WithStatus(JsonObject entity, IReadOnlyList<LocationProblem>? problems)
    {
        if (problems is not { Count: > 0 })
        {
            return entity;
        }

        var withStatus = entity.DeepClone().AsObject();
        withStatus["status"] = new JsonObject
        {
            ["items"] = new JsonArray([.. problems.Select(problem => (JsonNode)new JsonObject
            {
                ["type"] = ProcessingStatus,
                ["level"] = "error",
                ["message"] = $"InputError: {problem}",
                ["error"] = new JsonObject { ["name"] = "InputError", ["message"] = problem.ToString() },
            })]),
        };
        return withStatus;
    }
}
