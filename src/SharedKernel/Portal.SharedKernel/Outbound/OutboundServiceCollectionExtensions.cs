using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace Portal.SharedKernel.Outbound;

/// <summary>
/// Outbound HTTP for modules. Every client from <see cref="IHttpClientFactory"/> (named or not) goes through a Polly pipeline
/// (total timeout, jittered retry on transient failures, circuit breaker per host) and the address policy (http/https only,
/// no loopback, private, link-local or metadata addresses unless allow-listed, checked after DNS and on every redirect).
/// </summary>
public static class OutboundServiceCollectionExtensions
{
    /// <summary>The client modules use when they need no settings of their own: <c>factory.CreateClient(DefaultClientName)</c>.</summary>
    public const string DefaultClientName = "portal-outbound";

    /// <summary>
    /// Adds a named protected client. Its options start from the <c>Outbound</c> configuration section (when the kernel is
    /// added) and <paramref name="configure"/> adjusts them for this client only.
    /// </summary>
    public static IHttpClientBuilder AddOutboundHttpClient(this IServiceCollection services, string name, Action<OutboundOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.TryAddSingleton<OutboundPipelines>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter, OutboundHandlerFilter>());
        if (configure is not null)
        {
            services.Configure(name, configure);
        }

        // the pipeline owns the timeout; HttpClient's own 100 s must not cut it short
        return services.AddHttpClient(name).ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
    }
}
