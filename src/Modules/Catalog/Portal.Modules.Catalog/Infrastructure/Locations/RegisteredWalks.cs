using System.Collections.Concurrent;
using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// A registration has just read and validated the whole tree; its first processing, moments later on this host, takes
// that walk instead of reading every file again. A walk not taken within a minute (another host processed the
// location) is dropped, and processing reads the sources itself as always.
internal sealed class RegisteredWalks(TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (LocationWalk Walk, DateTimeOffset ReadAt)> _walks = new();

    public void Keep(Guid locationId, LocationWalk walk)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _walks)
        {
            if (now - entry.ReadAt > Freshness)
            {
                _walks.TryRemove(id, out _);
            }
        }

        _walks[locationId] = (walk, now);
    }

    public LocationWalk? Take(Guid locationId) =>
        _walks.TryRemove(locationId, out var entry) && clock.GetUtcNow() - entry.ReadAt <= Freshness ? entry.Walk : null;
}
