using Microsoft.Extensions.Configuration;
using Portal.SharedKernel.Auth;
using Portal.SharedKernel.Http;

namespace Portal.SharedKernel.RateLimiting;

// How many requests a caller may make per fixed window in one API; a limit of 0 means unlimited for that kind of caller.
internal sealed record RateLimitRule(TimeSpan Window, int Anonymous, int User, int Service)
{
    public int LimitFor(Caller? caller) => caller is null ? Anonymous : caller.IsService ? Service : User;
}

// RateLimits:<Backstage|Plugin|Marketplace>:{Enabled,WindowSeconds,Anonymous,User,Service}, defaults from the API documents.
internal sealed class RateLimitRules
{
    private static readonly Dictionary<ErrorStyle, (bool Enabled, RateLimitRule Rule)> Defaults = new()
    {
        [ErrorStyle.Backstage] = (false, new RateLimitRule(TimeSpan.FromMinutes(1), Anonymous: 100, User: 100, Service: 1000)),
        [ErrorStyle.Plugin] = (true, new RateLimitRule(TimeSpan.FromMinutes(1), Anonymous: 100, User: 100, Service: 1000)),
        [ErrorStyle.Marketplace] = (true, new RateLimitRule(TimeSpan.FromHours(1), Anonymous: 100, User: 1000, Service: 1000)),
    };

    private readonly Dictionary<ErrorStyle, RateLimitRule> _rules;

    private RateLimitRules(Dictionary<ErrorStyle, RateLimitRule> rules) => _rules = rules;

    public RateLimitRule? For(ErrorStyle family) => _rules.GetValueOrDefault(family);

    public static RateLimitRules FromConfiguration(IConfiguration configuration)
    {
        var rules = new Dictionary<ErrorStyle, RateLimitRule>();
        foreach (var (family, (enabled, rule)) in Defaults)
        {
            var section = configuration.GetSection($"RateLimits:{family}");
            if (!section.GetValue("Enabled", enabled))
            {
                continue;
            }

            rules[family] = new RateLimitRule(
                TimeSpan.FromSeconds(section.GetValue("WindowSeconds", rule.Window.TotalSeconds)),
                section.GetValue("Anonymous", rule.Anonymous),
                section.GetValue("User", rule.User),
                section.GetValue("Service", rule.Service));
            if (rules[family].Window <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"RateLimits:{family}:WindowSeconds must be positive");
            }
        }

        return new RateLimitRules(rules);
    }
}
