using System.Net;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Http;

public sealed class RequestPipelineTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    [Fact]
    public async Task A_sane_request_id_is_echoed_and_becomes_the_correlation_id()
    {
        var client = host.Client(TestAuth.ServiceToken);
        client.DefaultRequestHeaders.Add("X-Request-Id", "client-id.42_a");

        var result = await client.GetScenario("/api/probe/whoami");

        result.StatusCodeShouldBe(HttpStatusCode.OK);
        Assert.Equal("client-id.42_a", result.Header("X-Request-Id"));
        Assert.Equal("client-id.42_a", result.Json().GetProperty("correlationId").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bad id with spaces")]
    public async Task A_missing_or_insane_request_id_is_replaced_even_on_a_401(string? incoming)
    {
        var client = host.Client();
        if (incoming is not null)
        {
            client.DefaultRequestHeaders.Add("X-Request-Id", incoming);
        }

        var result = await client.GetScenario("/api/probe/whoami");

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        Assert.Matches("^req_[0-9a-f]{32}$", result.Header("X-Request-Id"));
    }

    [Fact]
    public async Task Each_request_is_logged_once_without_query_string_or_token()
    {
        var client = host.Client(TestAuth.UserToken("user:default/logged"));
        client.DefaultRequestHeaders.Add("X-Request-Id", "log-line-check");

        (await client.GetScenario("/api/probe/whoami?secret=s3cr3t")).StatusCodeShouldBe(HttpStatusCode.OK);

        var line = Assert.Single(host.Logs, l => l.Contains("log-line-check"));
        Assert.Contains("GET /api/probe/whoami responded 200", line);
        Assert.Contains("user:default/logged", line);
        Assert.DoesNotContain(host.Logs, l => l.Contains("s3cr3t") || l.Contains(TestAuth.ServiceToken) || l.Contains("eyJ"));
    }
}
