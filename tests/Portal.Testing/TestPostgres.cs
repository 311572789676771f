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
        RemoveStoppedClusters(root);
        var server = await PostgresServer.StartAsync(
            new PostgresServerOptions { DataDirectory = Path.Combine(root, Guid.NewGuid().ToString("N")), Durable = false, MaxConnections = 300 },
            NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        return server;
    }

    // The test runner may end the process before an exit handler can delete the folder, so each run sweeps up the
    // stopped clusters of test processes that are gone. A cluster another test process is still initialising has no
    // postmaster.pid yet either, but it is not abandoned.
    private static void RemoveStoppedClusters(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        var leftOver = Directory.GetDirectories(root)
            .Where(cluster => PostgresServer.IsAbandoned(cluster) && !File.Exists(Path.Combine(cluster, "postmaster.pid")));
        foreach (var cluster in leftOver)
        {
            try
            {
                Directory.Delete(cluster, recursive: true);
            }
            catch (IOException)
            {
                // another test process is sweeping it at the same time
            }
        }
    }
}
