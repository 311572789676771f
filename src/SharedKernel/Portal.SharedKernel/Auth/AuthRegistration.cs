using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.SharedKernel.Auth;

internal static class AuthRegistration
{
    public static IServiceCollection AddPortalAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AuthSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        if (settings.Development is { } development)
        {
            services.AddSingleton(development);
            services.AddHostedService<DevelopmentCredentialsAnnouncer>();
        }

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, configureOptions: null);
        return services;
    }

    // The one place a token is logged, on purpose: a first run needs a way in.
    private sealed class DevelopmentCredentialsAnnouncer(DevelopmentCredentials credentials, ILogger<DevelopmentCredentialsAnnouncer> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("No Auth configuration found: DEVELOPMENT credentials were generated (they change at every start; "
                + "configure Auth:ServiceTokens or Auth:Jwt for real use)");
            logger.LogWarning("Development service token ({Subject}): {ServiceToken}", DevelopmentCredentials.ServiceSubject, credentials.ServiceToken);
            logger.LogWarning("Development user token ({User}): {UserToken}", DevelopmentCredentials.User, credentials.UserToken);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
