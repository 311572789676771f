using System.Net;
using Microsoft.AspNetCore.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Outbound;

public sealed class ResilienceTests
{
    [Fact]
    public async Task A_GET_is_retried_on_503_until_it_succeeds()
    {
        await using var server = await LoopbackServer.StartAsync((context, n) =>
        {
            context.Response.StatusCode = n < 3 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var response = await services.Client().GetAsync(server.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task A_POST_is_not_retried()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.ServiceUnavailable);
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback());

        var response = await services.Client().PostAsync(server.BaseAddress, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_POST_is_retried_when_the_client_says_so()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.ServiceUnavailable);
        await using var services = OutboundClients.Build(OutboundClients.AllowLoopback(), options => options.RetryNonIdempotent = true);

        await services.Client().PostAsync(server.BaseAddress, new StringContent("{}"));

        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_hits_the_total_timeout()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        var settings = OutboundClients.AllowLoopback();
        settings["Outbound:Timeout"] = "00:00:00.300";
        await using var services = OutboundClients.Build(settings);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => services.Client().GetAsync(server.BaseAddress));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_without_calling()
    {
        await using var server = await LoopbackServer.StartAsync(HttpStatusCode.InternalServerError);
        var settings = OutboundClients.AllowLoopback();
        settings["Outbound:MaxRetries"] = "0";
        settings["Outbound:CircuitMinimumThroughput"] = "2";
        await using var services = OutboundClients.Build(settings);
        var client = services.Client();

        await client.GetAsync(server.BaseAddress);
        await client.GetAsync(server.BaseAddress);

        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(server.BaseAddress));
        Assert.Equal(2, server.Requests);
    }
}
