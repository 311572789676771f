using System.Diagnostics;
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
            new PostgresServerOptions
            {
                DataDirectory = Path.Combine(root, $"{Environment.ProcessId}-{Guid.NewGuid():N}"), Durable = false, MaxConnections = 300,
            },
            NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        return server;
    }

    // The test runner may end the process before an exit handler can delete the folder, so each run sweeps up the
    // clusters of earlier runs. A folder is named after the test process that made it and is swept only once that
    // process is gone and its server stopped: a cluster another test process is still initialising has no
    // postmaster.pid yet either.
    private static void RemoveStoppedClusters(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var cluster in Directory.GetDirectories(root).Where(IsLeftOver))
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

    private static bool IsLeftOver(string cluster)
    {
        var name = Path.GetFileName(cluster);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && int.TryParse(name[..dash], out var ownerProcessId)
            && !IsRunning(ownerProcessId)
            && !File.Exists(Path.Combine(cluster, "postmaster.pid"));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
