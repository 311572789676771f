using System.Net;
using Microsoft.AspNetCore.Http;
using Portal.SharedKernel.Outbound;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Outbound;

public sealed class RedirectTests
{
    [Fact]
    public async Task A_redirect_between_allowed_servers_is_followed()
    {
        await using var target = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var origin = await RedirectingTo(new Uri(target.BaseAddress, "/moved"));
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var response = await services.Client().GetAsync(origin.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (origin.Requests, target.Requests));
    }

    [Fact]
    public async Task A_redirect_to_an_address_that_is_not_allowed_is_refused()
    {
        await using var target = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var origin = await RedirectingTo(target.BaseAddress);
        await using var services = OutboundClients.Build(new Dictionary<string, string?> { ["Outbound:AllowedHosts:0"] = origin.BaseAddress.Authority });

        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(origin.BaseAddress));

        Assert.Equal((1, 0), (origin.Requests, target.Requests));
    }

    [Fact]
    public async Task A_redirect_to_the_metadata_address_is_refused()
    {
        await using var origin = await RedirectingTo(new Uri("http://169.254.169.254/latest/meta-data/"));
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(origin.BaseAddress));

        Assert.Contains("cloud metadata", refused.Reason);
    }

    [Fact]
    public async Task A_redirect_from_https_to_http_is_refused()
    {
        await using var target = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var origin = await LoopbackServer.StartAsync(Redirect(target.BaseAddress), https: true);
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback(), options => options.ConfigureTls = tls =>
            tls.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == origin.Certificate!.Thumbprint);

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(origin.BaseAddress));

        Assert.Contains("downgrades https to http", refused.Reason);
        Assert.Equal((1, 0), (origin.Requests, target.Requests));
    }

    [Fact]
    public async Task Endless_redirects_stop_at_the_hop_limit()
    {
        await using var loop = await LoopbackServer.StartAsync((context, n) => Redirect(new Uri($"/hop/{n}", UriKind.Relative))(context, n));
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback(), options => options.MaxRedirects = 3);

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(loop.BaseAddress));

        Assert.Contains("more than 3 redirects", refused.Reason);
        Assert.Equal(4, loop.Requests);
    }

    private static Task<LoopbackServer> RedirectingTo(Uri target) => LoopbackServer.StartAsync(Redirect(target));

    private static Func<HttpContext, int, Task> Redirect(Uri target) => (context, _) =>
    {
        context.Response.StatusCode = (int)HttpStatusCode.Found;
        context.Response.Headers.Location = target.ToString();
        return Task.CompletedTask;
    };
}
