using System.Net;
using Portal.SharedKernel.Outbound;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Outbound;

public sealed class AddressPolicyTests
{
    [Fact]
    public async Task An_allow_listed_loopback_address_is_reached()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var response = await services.Client().GetAsync(server.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Loopback_is_refused_by_default_and_the_server_receives_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var services = OutboundClients.Build(new Dictionary<string, string?>());

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(server.BaseAddress));

        Assert.Equal("127.0.0.1", refused.Host);
        Assert.Contains("loopback", refused.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Localhost_is_refused_after_dns_resolves_it_to_loopback()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(Localhost(server)));

        Assert.Equal("localhost", refused.Host);
        Assert.Contains("resolves only to refused addresses", refused.Reason);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Localhost_is_reached_when_it_is_listed()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var services = OutboundClients.Build(new Dictionary<string, string?> { ["Outbound:AllowedHosts:0"] = "localhost" });

        var response = await services.Client().GetAsync(Localhost(server));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData("http://10.1.2.3/", "private")]
    [InlineData("http://192.168.0.1:8080/", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://[fd00:ec2::254]/", "cloud metadata")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    public async Task A_literal_refused_address_fails_before_any_connection(string url, string reason)
    {
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(new Uri(url)));

        Assert.Contains(reason, refused.Reason);
    }

    [Fact]
    public async Task Listing_the_metadata_address_does_not_open_it()
    {
        await using var services = OutboundClients.Build(new Dictionary<string, string?> { ["Outbound:AllowedHosts:0"] = "169.254.169.254" });

        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(new Uri("http://169.254.169.254/")));
    }

    [Fact]
    public async Task A_host_port_entry_allows_only_that_port()
    {
        await using var listed = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var other = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var services = OutboundClients.Build(new Dictionary<string, string?> { ["Outbound:AllowedHosts:0"] = listed.BaseAddress.Authority });

        Assert.Equal(HttpStatusCode.OK, (await services.Client().GetAsync(listed.BaseAddress)).StatusCode);
        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(other.BaseAddress));
        Assert.Equal(0, other.Requests);
    }

    [Fact]
    public async Task Only_http_and_https_are_called()
    {
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(new Uri("ftp://127.0.0.1/file")));

        Assert.Contains("only http and https", refused.Reason);
    }

    [Fact]
    public async Task AllowOnly_refuses_a_public_host_that_is_not_listed_and_still_reaches_listed_ones()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        var settings = OutboundClients.AllowLoopback();
        settings["Outbound:AllowOnly"] = "true";
        await using var services = OutboundClients.Build(settings);

        // refused before DNS or any connection, so nothing leaves the machine
        var refused = await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => services.Client().GetAsync(new Uri("https://example.com/")));

        Assert.Equal("example.com", refused.Host);
        Assert.Contains("Outbound:AllowOnly", refused.Reason);
        Assert.Equal(HttpStatusCode.OK, (await services.Client().GetAsync(server.BaseAddress)).StatusCode);
    }

    [Fact]
    public async Task Unnamed_clients_of_the_factory_are_protected_too()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.OK);
        await using var services = OutboundClients.Build(new Dictionary<string, string?>());
        var factory = (IHttpClientFactory)services.GetService(typeof(IHttpClientFactory))!;

        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => factory.CreateClient().GetAsync(server.BaseAddress));
        await Assert.ThrowsAsync<OutboundRequestRefusedException>(() => factory.CreateClient(OutboundServiceCollectionExtensions.DefaultClientName).GetAsync(server.BaseAddress));
        Assert.Equal(0, server.Requests);
    }

    private static Uri Localhost(LoopbackServer server) => new($"http://localhost:{server.BaseAddress.Port}/");
}
