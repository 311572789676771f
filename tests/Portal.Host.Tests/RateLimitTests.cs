using System.Net;
using Portal.Testing;

namespace Portal.Host.Tests;

/// <summary>The host with limits of two requests per day-long window, so no window boundary falls inside a test.</summary>
public sealed class LowRateLimitsApp : PortalApp
{
    public LowRateLimitsApp()
    {
        foreach (var family in new[] { "Plugin", "Marketplace" })
        {
            Configure($"RateLimits:{family}:WindowSeconds", "86400");
            Configure($"RateLimits:{family}:Anonymous", "2");
            Configure($"RateLimits:{family}:User", "2");
        }
    }
}

public sealed class RateLimitTests(LowRateLimitsApp app) : IClassFixture<LowRateLimitsApp>
{
    [Fact]
    public async Task Plugin_calls_carry_limit_headers_and_get_a_429_with_Retry_After_past_the_limit()
    {
        var client = app.CreateClientWithUserToken("user:default/rate-limited");

        var first = await client.GetScenario("/api/che-launcher/anything");
        var second = await client.GetScenario("/api/che-launcher/anything");
        var third = await client.GetScenario("/api/che-launcher/anything");

        Assert.Equal(("2", "1"), (first.Header("X-RateLimit-Limit"), first.Header("X-RateLimit-Remaining")));
        Assert.Equal("0", second.Header("X-RateLimit-Remaining"));
        Assert.True(long.Parse(first.Header("X-RateLimit-Reset")!) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        third.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(third.Header("Retry-After")!) >= 1);
        Assert.StartsWith("""{"error":"Rate limit of 2 requests""", third.Body);
    }

    [Fact]
    public async Task Service_tokens_have_their_own_larger_budget()
    {
        var result = await app.CreateClientWithServiceToken().GetScenario("/api/devlake/anything");

        Assert.Equal("1000", result.Header("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Anonymous_marketplace_reads_are_limited_per_client_with_ISO_reset_and_RATE_LIMITED()
    {
        var client = app.CreateClient();
        ScenarioResult last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await client.GetScenario("/api/marketplace/v1/plugins");
        }

        last.StatusCodeShouldBe(HttpStatusCode.TooManyRequests);
        Assert.Equal("RATE_LIMITED", last.Json().GetProperty("error").GetProperty("code").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", last.Header("X-RateLimit-Reset"));
        Assert.NotNull(last.Header("Retry-After"));
    }

    [Fact]
    public async Task The_catalog_is_not_limited_by_default() =>
        Assert.Null((await app.CreateClientWithServiceToken().GetScenario("/api/catalog/anything")).Header("X-RateLimit-Limit"));
}
