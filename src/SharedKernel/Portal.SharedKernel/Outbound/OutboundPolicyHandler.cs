using System.Net;
using Microsoft.Extensions.Logging;

namespace Portal.SharedKernel.Outbound;

// Checks every URL against the address policy and follows redirects itself (the primary handler never does), so each
// hop is checked again and an https→http downgrade is refused.
internal sealed class OutboundPolicyHandler(OutboundAddressPolicy policy, int maxRedirects, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await FollowRedirectsAsync(request, cancellationToken);
        }
        catch (OutboundRequestRefusedException ex)
        {
            logger.LogWarning("Outbound request to {Host} refused: {Reason}", ex.Host, ex.Reason);
            throw;
        }
    }

    private async Task<HttpResponseMessage> FollowRedirectsAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = request;
        for (var hop = 0; ; hop++)
        {
            var uri = current.RequestUri ?? throw new OutboundRequestRefusedException("(none)", "the request has no URL");
            policy.EnsureAllowed(uri);
            var response = await SendOnceAsync(current, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var target = new Uri(uri, location);
            if (hop == maxRedirects)
            {
                throw new OutboundRequestRefusedException(target.IsAbsoluteUri ? target.IdnHost : location.OriginalString, $"more than {maxRedirects} redirects");
            }

            if (uri.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
            {
                throw new OutboundRequestRefusedException(target.IdnHost, $"redirect from {uri.GetLeftPart(UriPartial.Authority)} downgrades https to http");
            }

            current = Redirected(current, target, response.StatusCode);
        }
    }

    // SocketsHttpHandler wraps what the connect callback throws in an HttpRequestException; surface the refusal itself.
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex is not OutboundRequestRefusedException && ex.InnerException is OutboundRequestRefusedException refused)
        {
            throw new OutboundRequestRefusedException(refused.Host, refused.Reason);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage Redirected(HttpRequestMessage from, Uri target, HttpStatusCode status)
    {
        // Browsers' rule: 303, and 301/302 after a POST, continue as a GET without a body; 307/308 repeat the request.
        var becomesGet = status == HttpStatusCode.SeeOther
            || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && from.Method == HttpMethod.Post);
        var next = new HttpRequestMessage(becomesGet ? HttpMethod.Get : from.Method, target)
        {
            Version = from.Version,
            VersionPolicy = from.VersionPolicy,
            Content = becomesGet ? null : from.Content,
        };

        var sameOrigin = Uri.Compare(from.RequestUri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var (name, values) in from.Headers)
        {
            // credentials are meant for the origin that was called, not for wherever it points
            if (sameOrigin || !(name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                next.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return next;
    }
}
