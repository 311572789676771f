using System.Net;
using Portal.Testing;

namespace Portal.Host.Tests;

public sealed class HealthTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Ready_reports_healthy_when_the_database_answers()
    {
        var result = await app.CreateClient().GetScenario("/health/ready");

        result.StatusCodeShouldBe(HttpStatusCode.OK);
        Assert.Equal("Healthy", result.Body);
    }

    [Fact]
    public async Task Live_answers_without_a_token() =>
        (await app.CreateClient().GetScenario("/health/live")).StatusCodeShouldBe(HttpStatusCode.OK);
}
