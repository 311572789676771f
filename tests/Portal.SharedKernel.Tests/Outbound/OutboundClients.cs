using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Outbound;

namespace Portal.SharedKernel.Tests.Outbound;

/// <summary>A service provider with the kernel's outbound registration and one named client, "test", from the given settings.</summary>
internal static class OutboundClients
{
    public const string Name = "test";

    public static ServiceProvider Build(IDictionary<string, string?> settings, Action<OutboundOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbound:RetryDelay"] = "00:00:00.010" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddPortalOutbound(configuration);
        services.AddOutboundHttpClient(Name, configure);
        return services.BuildServiceProvider();
    }

    public static HttpClient Client(this ServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(Name);

    public static Dictionary<string, string?> AllowLoopback() => new() { ["Outbound:AllowedHosts:0"] = "127.0.0.1" };
}
