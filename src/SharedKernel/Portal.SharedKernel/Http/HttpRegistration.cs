using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Portal.SharedKernel.Auth;
using Portal.SharedKernel.RateLimiting;

namespace Portal.SharedKernel.Http;

internal static class HttpRegistration
{
    public static IServiceCollection AddPortalHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiDocumentTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddSingleton<ApiFamilies>();
        services.AddSingleton(new RequestBodyLimit(
            configuration.GetValue(RequestBodyLimitMiddleware.ConfigurationKey, RequestBodyLimitMiddleware.DefaultMaxBytes)));

        // Without this, minimal APIs answer a body they cannot bind with an empty 400; we want the envelope and the reason.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // A repeated property would otherwise bind silently (last wins) or fail later inside a JsonObject as a 500.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.AllowDuplicateProperties = false);
        services.AddPortalAuth(configuration);
        services.AddSingleton(RateLimitRules.FromConfiguration(configuration));
        services.AddSingleton<RateLimitCounters>();
        return services;
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = database.CreateCommand("select 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException ex)
            {
                return HealthCheckResult.Unhealthy("The database is not reachable", ex);
            }
        }
    }
}
