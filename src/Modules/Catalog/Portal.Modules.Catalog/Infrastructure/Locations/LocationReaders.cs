using Microsoft.Extensions.Options;
using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// The readers by location type, each read bounded by Catalog:Locations:ReadTimeout.
internal sealed class LocationReaders(IEnumerable<ILocationReader> readers, IOptions<LocationOptions> options)
{
    private readonly Dictionary<string, ILocationReader> _enabled = readers.Where(r => r.Enabled).ToDictionary(r => r.Type, StringComparer.Ordinal);
    private readonly TimeSpan _timeout = options.Value.ReadTimeout;

    // The types a location may have here, in Backstage's order: ["url"], or ["url","file"] when file roots are set.
    public IReadOnlyList<string> AllowedTypes =>
        [.. _enabled.Keys.OrderByDescending(type => type == LocationKey.Url).ThenBy(type => type, StringComparer.Ordinal)];

    public bool IsAllowed(string type) => _enabled.ContainsKey(type);

    public async Task<byte[]> ReadAsync(LocationKey location, CancellationToken cancellationToken)
    {
        if (!_enabled.TryGetValue(location.Type, out var reader))
        {
            throw new LocationReadException(LocationReadFailure.Refused, $"locations of type '{location.Type}' are not allowed");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            // WaitAsync returns on time even when a read cannot be cancelled (a file system that hangs).
            return await reader.ReadAsync(location.Target, timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LocationReadException(LocationReadFailure.TimedOut, $"no answer within {_timeout.TotalSeconds:0.###} s (Catalog:Locations:ReadTimeout)");
        }
    }
}
