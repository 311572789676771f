using System.Net;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.SharedKernel.Outbound;

// Applies to every client IHttpClientFactory builds, named or not, after the client's own configuration: the primary
// handler is always ours (no proxy, no automatic redirects, connect-time address checks), with the Polly pipeline
// outermost and the address policy innermost.
internal sealed class OutboundHandlerFilter(
    IOptionsMonitor<OutboundOptions> options, OutboundPipelines pipelines, ILoggerFactory loggers) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        var name = builder.Name ?? Options.DefaultName;
        var clientOptions = options.Get(name);
        var policy = new OutboundAddressPolicy(clientOptions);
        var primary = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = policy.ConnectAsync,
        };
        clientOptions.ConfigureTls?.Invoke(primary.SslOptions);

        builder.PrimaryHandler = primary;
        builder.AdditionalHandlers.Insert(0, new ResilienceHandler(pipelines, name));
        builder.AdditionalHandlers.Add(new OutboundPolicyHandler(policy, clientOptions.MaxRedirects, loggers.CreateLogger<OutboundPolicyHandler>()));
    };
}
