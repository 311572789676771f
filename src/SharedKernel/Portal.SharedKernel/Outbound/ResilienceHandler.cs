using Polly;

namespace Portal.SharedKernel.Outbound;

// Runs every call of a named client through its Polly pipeline (Microsoft.Extensions.Http.Resilience is not available).
internal sealed class ResilienceHandler(OutboundPipelines pipelines, string client) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pipeline = pipelines.For(client, request.RequestUri!);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(OutboundPipelines.Request, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
