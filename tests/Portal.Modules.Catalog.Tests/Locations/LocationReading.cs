using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;
using Portal.SharedKernel.Outbound;

namespace Portal.Modules.Catalog.Tests.Locations;

// The catalog's location reading as the module registers it, with the kernel's outbound settings bound the way the
// kernel binds them, over the given configuration (127.0.0.1 allowed unless a test says otherwise).
internal sealed class LocationReading : IDisposable
{
    private readonly ServiceProvider _services;

    public LocationReading(IReadOnlyDictionary<string, string?>? settings = null, bool allowLoopback = true)
    {
        var all = new Dictionary<string, string?> { ["Outbound:RetryDelay"] = "00:00:00.010" };
        if (allowLoopback)
        {
            all["Outbound:AllowedHosts:0"] = "127.0.0.1";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging();
        services.Configure<OutboundOptions>(name: null, configuration.GetSection("Outbound"));
        services.AddLocations(configuration);
        _services = services.BuildServiceProvider();
    }

    public LocationReaders Readers => _services.GetRequiredService<LocationReaders>();

    public LocationWalker Walker => _services.GetRequiredService<LocationWalker>();

    public Task<LocationWalk> WalkAsync(string type, string target, string? presence = null) =>
        Walker.WalkAsync(new LocationKey(type, target), presence, CancellationToken.None);

    public async Task<LocationReadException> ReadFailureAsync(string type, string target) =>
        await Assert.ThrowsAsync<LocationReadException>(() => Readers.ReadAsync(new LocationKey(type, target), CancellationToken.None));

    public void Dispose() => _services.Dispose();
}

internal static class WalkAssertions
{
    public static string Annotation(this EmittedEntity entity, string key) =>
        entity.Entity["metadata"]!["annotations"]![key]!.GetValue<string>();

    public static string Name(this JsonObject entity) => entity["metadata"]!["name"]!.GetValue<string>();

    public static IReadOnlyList<string> Refs(this LocationWalk walk) => walk.Entities.Select(e => e.Ref!).ToList();
}
