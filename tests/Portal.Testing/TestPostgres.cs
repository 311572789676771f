using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.SharedKernel.Postgres;

namespace Portal.Testing;

/// <summary>
/// One throw-away PostgreSQL cluster per test run, started from the machine's binaries with the same launcher the host
/// uses, and a fresh database for each caller. The cluster and its folder go when the test process exits.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    private static readonly TimeSpan LeftOverAge = TimeSpan.FromMinutes(10);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "portal_test")
    {
        var server = await Server.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await server.CreateDatabaseAsync(name);
        return server.ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pooled connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = await Server.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "portal-tests");
        await RemoveAbandonedClustersAsync(root);
        var server = await PostgresServer.StartAsync(
            new PostgresServerOptions { DataDirectory = Path.Combine(root, Guid.NewGuid().ToString("N")), Durable = false, MaxConnections = 300 },
            NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        return server;
    }

    // The test runner may end the process before an exit handler can stop the server and delete the folder, so each run
    // stops and removes the clusters of test processes that are gone. A cluster another test process is still
    // initialising has no server running yet either, but it is not abandoned, and it is seconds old.
    private static async Task RemoveAbandonedClustersAsync(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var cluster in Directory.GetDirectories(root).Where(c => PostgresServer.IsAbandoned(c) || IsOldAndStopped(c)))
        {
            try
            {
                await PostgresServer.StopIfAbandonedAsync(cluster, NullLogger.Instance);
                Directory.Delete(cluster, recursive: true);
            }
            catch (Exception error) when (error is IOException or InvalidOperationException)
            {
                // another test process is sweeping it at the same time
            }
        }
    }

    // Made before the launcher recorded who started a cluster, or by a process that died before its server ran.
    private static bool IsOldAndStopped(string cluster) =>
        !File.Exists(Path.Combine(cluster, "portal-starter.pid"))
        && !File.Exists(Path.Combine(cluster, "postmaster.pid"))
        && Directory.GetLastWriteTimeUtc(cluster) < DateTime.UtcNow - LeftOverAge;
}
