using System.Collections.Concurrent;

namespace Portal.Modules.Catalog.Projections;

// Totals and facet counts cost a scan of every matching index row, yet the catalog rarely changes between two reads.
// A result is kept with the catalog.read_version it was computed at and reused only at that same version, which names
// one committed state of the catalog: a write makes every entry stale at once, on every host sharing the database.
internal sealed class ReadVersionCache
{
    public const string VersionSql = "select version from catalog.read_version where id = 1";

    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, (long Version, object Value)> _entries = new(StringComparer.Ordinal);

    public (long Version, T Value)? Latest<T>(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Value is T value ? (entry.Version, value) : null;

    public void Keep<T>(string key, long version, T value)
        where T : notnull
    {
        // Past the bound the cheapest fair eviction is all of it: entries are rebuilt by the next read of each query.
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (version, value);
    }
}
