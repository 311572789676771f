using System.Globalization;
using System.Threading.RateLimiting;
using Portal.SharedKernel.Auth;
using Portal.SharedKernel.Http;

namespace Portal.SharedKernel.RateLimiting;

// Fixed windows aligned to the clock, so X-RateLimit-Reset is exact: the window index is part of the partition key,
// and the partitioned limiter drops a window's limiter once it has been idle for a while.
internal sealed class RateLimitMiddleware(RequestDelegate next, ApiFamilies families, RateLimitRules rules, RateLimitCounters counters, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var module = families.Find(context.Request.Path);
        var rule = module is null ? null : rules.For(module.ErrorStyle);
        var caller = Caller.From(context.User);
        var limit = rule?.LimitFor(caller) ?? 0;
        if (module is null || rule is null || limit <= 0)
        {
            await next(context);
            return;
        }

        var now = clock.GetUtcNow();
        var windowMs = (long)rule.Window.TotalMilliseconds;
        var window = now.ToUnixTimeMilliseconds() / windowMs;
        var reset = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * windowMs);
        var client = caller is null ? $"ip:{context.Connection.RemoteIpAddress}" : $"{(caller.IsService ? "service" : "user")}:{caller.Subject}";
        var key = new RateLimitKey(module.BasePath, client, window, limit, rule.Window);

        bool acquired;
        using (var lease = counters.Limiter.AttemptAcquire(key))
        {
            acquired = lease.IsAcquired;
        }

        var remaining = counters.Limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0;
        var retryAfter = (long)Math.Ceiling((reset - now).TotalSeconds);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = module.ErrorStyle == ErrorStyle.Marketplace
                ? reset.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
                : reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            if (!acquired)
            {
                headers.RetryAfter = Math.Max(1, retryAfter).ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });

        if (!acquired)
        {
            throw new TooManyRequestsError($"Rate limit of {limit} requests per {rule.Window.TotalSeconds} seconds exceeded; retry after {Math.Max(1, retryAfter)} seconds");
        }

        await next(context);
    }
}

internal sealed record RateLimitKey(string BasePath, string Client, long Window, int Limit, TimeSpan Length);

internal sealed class RateLimitCounters : IDisposable
{
    public PartitionedRateLimiter<RateLimitKey> Limiter { get; } = PartitionedRateLimiter.Create<RateLimitKey, RateLimitKey>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Limit,
            Window = k.Length,
            QueueLimit = 0,
        }));

    public void Dispose() => Limiter.Dispose();
}
