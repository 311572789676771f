using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Auth;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Http;

public sealed class DevelopmentCredentialsTests(ProbeHostWithoutAuth host) : IClassFixture<ProbeHostWithoutAuth>
{
    private readonly DevelopmentCredentials _credentials = host.App.Services.GetRequiredService<DevelopmentCredentials>();

    [Fact]
    public async Task The_generated_service_token_works()
    {
        var whoami = (await host.Client(_credentials.ServiceToken).GetScenario("/api/probe/whoami")).StatusCodeShouldBe(HttpStatusCode.OK).Json();

        Assert.Equal(DevelopmentCredentials.ServiceSubject, whoami.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task The_generated_user_token_works()
    {
        var whoami = (await host.Client(_credentials.UserToken).GetScenario("/api/probe/whoami")).StatusCodeShouldBe(HttpStatusCode.OK).Json();

        Assert.Equal(DevelopmentCredentials.User, whoami.GetProperty("subject").GetString());
    }

    [Fact]
    public void Both_are_printed_at_start_as_development_credentials()
    {
        Assert.Contains(host.Logs, line => line.Contains("Development service token") && line.Contains(_credentials.ServiceToken));
        Assert.Contains(host.Logs, line => line.Contains("Development user token") && line.Contains(_credentials.UserToken));
    }

    [Fact]
    public async Task Tokens_of_other_configurations_are_refused() =>
        (await host.Client(TestAuth.ServiceToken).GetScenario("/api/probe/whoami")).StatusCodeShouldBe(HttpStatusCode.Unauthorized);
}
