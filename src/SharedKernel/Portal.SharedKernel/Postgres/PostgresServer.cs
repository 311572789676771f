using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.SharedKernel.Postgres;

/// <summary>
/// A PostgreSQL server run from the machine's binaries on a free loopback port. As root, initdb and pg_ctl run as the
/// <c>postgres</c> user (initdb refuses root), so the cluster goes where that user can reach it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const int LogTailLines = 10;
    private const int LogTailBytes = 4096;
    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private bool _stopped;

    private PostgresServer(PostgresBinaries binaries, string dataDirectory, int port, ILogger logger)
    {
        _binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
        _logger = logger;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Initialises the cluster if needed, starts it and waits until it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binaries = PostgresBinaries.Find(options.BinDirectory);
        var dataDirectory = await ReachableDataDirectoryAsync(Path.GetFullPath(options.DataDirectory), logger, cancellationToken);
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            logger.LogInformation("Initialising a PostgreSQL cluster in {DataDirectory}", dataDirectory);
            await RunAsync(dataDirectory, binaries.InitDb, ["-D", dataDirectory, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale"], cancellationToken);
        }

        await StopIfAbandonedAsync(binaries, dataDirectory, logger, cancellationToken);
        var server = new PostgresServer(binaries, dataDirectory, FreeLoopbackPort(), logger);
        await server.StartServerAsync(options, cancellationToken);
        await File.WriteAllTextAsync(StarterPath(dataDirectory), $"{Environment.ProcessId}", cancellationToken);
        logger.LogInformation("PostgreSQL is listening on 127.0.0.1:{Port} (data in {DataDirectory})", server.Port, dataDirectory);
        return server;
    }

    /// <summary>
    /// Whether the cluster in this data directory was last started by a process that has since exited. A process killed
    /// outright (kill -9, a debugger's stop) leaves its server running; the id of the process that started the server is
    /// kept beside it so the next start can tell an abandoned server from one in use.
    /// </summary>
    public static bool IsAbandoned(string dataDirectory)
    {
        var starterFile = StarterPath(dataDirectory);
        if (!File.Exists(starterFile) || !int.TryParse(File.ReadAllText(starterFile), out var starter))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(starter);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>
    /// Stops the server of an abandoned cluster (see <see cref="IsAbandoned"/>), which would otherwise keep running and
    /// make every later start on its data directory fail on the lock. A server whose starter still runs is left alone.
    /// </summary>
    public static Task StopIfAbandonedAsync(string dataDirectory, ILogger logger, string? binDirectory = null, CancellationToken cancellationToken = default) =>
        StopIfAbandonedAsync(PostgresBinaries.Find(binDirectory), dataDirectory, logger, cancellationToken);

    private static async Task StopIfAbandonedAsync(PostgresBinaries binaries, string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        if (!IsAbandoned(dataDirectory) || (await ExecAsPostgresAsync(binaries.PgCtl, ["-D", dataDirectory, "status"], cancellationToken)).ExitCode != 0)
        {
            return;
        }

        logger.LogWarning("PostgreSQL in {DataDirectory} was left running by a process that has exited; stopping it", dataDirectory);
        await RunAsync(dataDirectory, binaries.PgCtl, ["-D", dataDirectory, "-m", "fast", "-w", "stop"], cancellationToken);
    }

    private async Task StartServerAsync(PostgresServerOptions options, CancellationToken cancellationToken)
    {
        var settings = new List<string>
        {
            $"-p {Port}", "-h 127.0.0.1", "-c unix_socket_directories=''", $"-c max_connections={options.MaxConnections}",
        };
        if (!options.Durable)
        {
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        }

        await RunAsync(DataDirectory, _binaries.PgCtl, ["-D", DataDirectory, "-l", LogPath(DataDirectory), "-o", string.Join(' ', settings), "-w", "-t", "60", "start"], cancellationToken);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = ServiceUser, Database = database, MaxPoolSize = 100,
        }.ConnectionString;

    /// <summary>Creates the database unless it exists.</summary>
    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        await RunAsync(DataDirectory, _binaries.PgCtl, ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
        _logger.LogInformation("PostgreSQL stopped");
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string LogPath(string dataDirectory) => Path.Combine(dataDirectory, "portal-postgres.log");

    private static string StarterPath(string dataDirectory) => Path.Combine(dataDirectory, "portal-starter.pid");

    // The server's own words on why it stopped, so the reader need not go looking for a log that may since be gone.
    private static string LogTail(string dataDirectory)
    {
        var path = LogPath(dataDirectory);
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        using var log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Seek(Math.Max(0, log.Length - LogTailBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(log);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? string.Empty : $"\nLast lines of {path}:\n{string.Join('\n', lines.TakeLast(LogTailLines))}";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The postgres user must be able to walk every parent folder; under a closed root home it cannot,
    // so the cluster moves to a folder keyed by the wanted path, and we say where.
    private static async Task<string> ReachableDataDirectoryAsync(string wanted, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(wanted);
        if (!IsRoot)
        {
            return wanted;
        }

        if (await ServiceUserCanUseAsync(wanted, cancellationToken))
        {
            return wanted;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(wanted)))[..16].ToLowerInvariant();
        var fallback = Path.Combine("/var/tmp/portal-postgres", key);
        Directory.CreateDirectory(fallback);
        File.SetUnixFileMode("/var/tmp/portal-postgres", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        await ChownAsync(fallback, cancellationToken);
        logger.LogWarning("The postgres user cannot reach {Wanted}; keeping the cluster in {Fallback} instead", wanted, fallback);
        return fallback;
    }

    private static async Task<bool> ServiceUserCanUseAsync(string directory, CancellationToken cancellationToken)
    {
        await ChownAsync(directory, cancellationToken);
        var (exitCode, _) = await ExecAsync("runuser", ["-u", ServiceUser, "--", "test", "-r", directory, "-a", "-w", directory, "-a", "-x", directory], cancellationToken);
        return exitCode == 0;
    }

    private static async Task ChownAsync(string directory, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ExecAsync("chown", ["-R", $"{ServiceUser}:", directory], cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Could not hand {directory} to the postgres user: {output}");
        }

        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task RunAsync(string dataDirectory, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ExecAsPostgresAsync(program, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed with exit code {exitCode}: {output.Trim()}{LogTail(dataDirectory)}");
        }
    }

    private static Task<(int ExitCode, string Output)> ExecAsPostgresAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsRoot ? ExecAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], cancellationToken) : ExecAsync(program, arguments, cancellationToken);

    private static async Task<(int ExitCode, string Output)> ExecAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // PostgreSQL's programs refuse an unreadable working directory (a root home, seen as the postgres user).
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
