using Microsoft.Extensions.Options;
using Portal.Modules.Catalog.Projections;

namespace Portal.Modules.Catalog.Tests.Projections;

public sealed class ReadVersionCacheTests
{
    private static ReadVersionCache Cache(int megabytes) => new(Options.Create(new QueryCacheOptions { Megabytes = megabytes }));

    [Fact]
    public void A_value_is_found_with_the_version_it_was_kept_at_and_a_later_keep_replaces_it()
    {
        var cache = Cache(megabytes: 1);
        cache.Keep("q", 7, "page at 7", 100);
        Assert.Equal((7L, "page at 7"), cache.Latest<string>("q"));

        cache.Keep("q", 8, "page at 8", 100);

        Assert.Equal((8L, "page at 8"), cache.Latest<string>("q"));
        Assert.Null(cache.Latest<int>("q"));
        Assert.Null(cache.Latest<string>("other"));
    }

    [Fact]
    public void No_budget_keeps_nothing()
    {
        var cache = Cache(megabytes: 0);

        cache.Keep("total", 1, 42, sizeof(int));

        Assert.Null(cache.Latest<int>("total"));
    }

    [Fact]
    public void A_value_larger_than_the_budget_is_not_kept_and_evicts_nothing()
    {
        var cache = Cache(megabytes: 1);
        cache.Keep("small", 1, "kept", 100);

        cache.Keep("huge", 1, "too large", 2 * 1024 * 1024);

        Assert.Null(cache.Latest<string>("huge"));
        Assert.NotNull(cache.Latest<string>("small"));
    }

    [Fact]
    public void Going_over_the_budget_starts_again_from_the_newest_value()
    {
        var cache = Cache(megabytes: 1);
        cache.Keep("a", 1, "a", 600 * 1024);
        cache.Keep("a", 2, "a again", 600 * 1024);
        Assert.Equal((2L, "a again"), cache.Latest<string>("a"));

        cache.Keep("b", 2, "b", 600 * 1024);

        Assert.Null(cache.Latest<string>("a"));
        Assert.Equal((2L, "b"), cache.Latest<string>("b"));
    }
}
