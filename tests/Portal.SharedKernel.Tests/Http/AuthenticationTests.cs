using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Auth;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Http;

public sealed class AuthenticationTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    public static TheoryData<string, string> Users => new()
    {
        { "user:default/jane", "user:default/jane" },
        { "user:jane", "user:default/jane" },
        { "User:Team-A/Jane.Doe", "user:team-a/Jane.Doe" },
    };

    public static TheoryData<string, string> IllegalTokens => new()
    {
        { TestAuth.UserToken(signingKey: "another-key-that-is-long-enough-0123456789abcdef"), "Illegal token" },
        { TestAuth.UserToken(lifetime: TimeSpan.FromSeconds(-45)), "Illegal token: it has expired" },
        { TestAuth.UserToken("group:default/admins"), "Illegal token: its sub must be a user entity ref such as user:default/jane" },
        { TestAuth.UserToken("jane"), "Illegal token: its sub must be a user entity ref such as user:default/jane" },
        { "not-a-configured-service-token", "Illegal token" },
    };

    [Fact]
    public async Task A_service_token_authenticates_its_subject_as_a_service()
    {
        var whoami = (await host.Client(TestAuth.ServiceToken).GetScenario("/api/probe/whoami")).StatusCodeShouldBe(HttpStatusCode.OK).Json();

        Assert.Equal(TestAuth.ServiceSubject, whoami.GetProperty("subject").GetString());
        Assert.True(whoami.GetProperty("isService").GetBoolean());
        Assert.Equal(TestAuth.ServiceSubject, whoami.GetProperty("user").GetString());
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task A_user_token_authenticates_its_normalised_entity_ref(string sub, string expected)
    {
        var whoami = (await host.Client(TestAuth.UserToken(sub)).GetScenario("/api/probe/whoami")).StatusCodeShouldBe(HttpStatusCode.OK).Json();

        Assert.Equal(expected, whoami.GetProperty("subject").GetString());
        Assert.False(whoami.GetProperty("isService").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(IllegalTokens))]
    public async Task A_forged_expired_or_non_user_token_is_a_401(string token, string message)
    {
        var result = await host.Client(token).GetScenario("/api/probe/whoami");

        result.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal(message, result.Json().GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task No_token_is_a_401_even_on_an_unknown_route() =>
        Assert.Equal(
            """{"error":{"name":"AuthenticationError","message":"Missing credentials"},"request":{"method":"GET","url":"/nowhere"},"response":{"statusCode":401}}""",
            (await host.Client().GetScenario("/api/probe/nowhere")).StatusCodeShouldBe(HttpStatusCode.Unauthorized).Body);

    [Fact]
    public async Task Health_needs_no_token_and_no_development_credentials_exist_when_auth_is_configured()
    {
        (await host.Client().GetScenario("/health/live")).StatusCodeShouldBe(HttpStatusCode.OK);
        Assert.Null(host.App.Services.GetService<DevelopmentCredentials>());
    }
}
