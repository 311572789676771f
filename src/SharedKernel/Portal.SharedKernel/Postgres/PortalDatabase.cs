using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Portal.SharedKernel.Postgres;

internal static class PortalDatabase
{
    public const string ConnectionStringName = "Portal";

    // One pooled data source for every module: they share the database and differ by schema.
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "ConnectionStrings:Portal is not set. Set it (environment variable ConnectionStrings__Portal) to a PostgreSQL "
                    + "connection string, or start the host with UseEmbeddedPostgres so Portal runs its own server.");
            }

            return new NpgsqlDataSourceBuilder(connectionString).Build();
        });
        return services;
    }
}
