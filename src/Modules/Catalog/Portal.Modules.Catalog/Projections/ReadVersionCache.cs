using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Portal.Modules.Catalog.Projections;

// Totals, facet counts and by-query pages cost index scans, yet the catalog rarely changes between two reads.
// A result is kept with the catalog.read_version it was computed at and reused only at that same version, which names
// one committed state of the catalog: a write makes every entry stale at once, on every host sharing the database.
internal sealed class ReadVersionCache(IOptions<QueryCacheOptions> options)
{
    private const string VersionSql = "select version from catalog.read_version where id = 1";

    private const int Capacity = 4096;

    private const long EntryBytes = 64;

    private readonly long _budget = options.Value.Megabytes * 1024L * 1024L;
    private readonly ConcurrentDictionary<string, (long Version, object Value, long Bytes)> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public static async Task<long> CurrentVersionAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(VersionSql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public (long Version, T Value)? Latest<T>(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Value is T value ? (entry.Version, value) : null;

    // valueBytes: the memory the value holds; with its key and entry it counts against Catalog:QueryCache:Megabytes.
    public void Keep<T>(string key, long version, T value, long valueBytes)
        where T : notnull
    {
        var bytes = EntryBytes + (2L * key.Length) + valueBytes;
        if (bytes > _budget)
        {
            return;
        }

        // Past a bound the cheapest fair eviction is all of it: entries are rebuilt by the next read of each query.
        var replaced = _entries.TryGetValue(key, out var previous) ? previous.Bytes : 0;
        if (_entries.Count >= Capacity || Interlocked.Add(ref _bytes, bytes - replaced) > _budget)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, bytes);
        }

        _entries[key] = (version, value, bytes);
    }
}
