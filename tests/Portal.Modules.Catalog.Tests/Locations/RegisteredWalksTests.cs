using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class RegisteredWalksTests
{
    private static readonly LocationKey Key = new("file", "/catalog/catalog-info.yaml");

    private static LocationWalk Walk() => new(Key, new EmittedEntity(new JsonObject(), "location:default/root", Key, 0, []), []);

    [Fact]
    public void A_walk_is_taken_once_by_its_location()
    {
        var walks = new RegisteredWalks(new SettableClock());
        var (id, walk) = (Guid.NewGuid(), Walk());
        walks.Keep(id, walk);

        Assert.Null(walks.Take(Guid.NewGuid()));
        Assert.Same(walk, walks.Take(id));
        Assert.Null(walks.Take(id));
    }

    [Fact]
    public void A_walk_older_than_a_minute_is_not_used_and_stale_walks_go_when_another_is_kept()
    {
        var clock = new SettableClock();
        var walks = new RegisteredWalks(clock);
        var (stale, older, fresh) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        walks.Keep(stale, Walk());
        walks.Keep(older, Walk());

        clock.Now += TimeSpan.FromSeconds(61);
        Assert.Null(walks.Take(stale));
        walks.Keep(fresh, Walk());
        clock.Now += TimeSpan.FromSeconds(-61);

        Assert.Null(walks.Take(older));
        Assert.NotNull(walks.Take(fresh));
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
