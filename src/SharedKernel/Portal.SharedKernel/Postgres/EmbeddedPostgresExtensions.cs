using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.SharedKernel.Postgres;

public static class EmbeddedPostgresExtensions
{
    /// <summary>
    /// With no <c>ConnectionStrings:Portal</c>, starts a PostgreSQL server from the machine's binaries with its data in
    /// <c>Portal:DataDirectory</c> (default <c>.portal/pg</c>), points the connection string at it, and stops it when the host stops.
    /// </summary>
    public static async Task UseEmbeddedPostgresWhenNoConnectionStringAsync(
        this IHostApplicationBuilder builder, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(PortalDatabase.ConnectionStringName)))
        {
            return;
        }

        var server = await PostgresServer.StartAsync(
            new PostgresServerOptions
            {
                DataDirectory = builder.Configuration["Portal:DataDirectory"] ?? Path.Combine(".portal", "pg"),
                BinDirectory = builder.Configuration["Portal:PostgresBinDirectory"],
            },
            loggerFactory.CreateLogger("Portal.EmbeddedPostgres"),
            cancellationToken);
        await server.CreateDatabaseAsync("portal", cancellationToken);
        builder.Configuration[$"ConnectionStrings:{PortalDatabase.ConnectionStringName}"] = server.ConnectionString("portal");

        // A safety net for a host that dies before its hosted services start; stopping twice is harmless.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();

        // Registered before every other hosted service, so it stops last, after the agents that use the database.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(new EmbeddedPostgresLifetime(server)));
    }

    private sealed class EmbeddedPostgresLifetime(PostgresServer server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync();
    }
}
