using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Portal.SharedKernel.Postgres;

namespace Portal.SharedKernel.Tests.Postgres;

// The launcher the host uses when no connection string is set: a private cluster from the machine's binaries.
public sealed class PostgresServerTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"portal-launcher-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Data_survives_a_restart_on_the_same_data_directory()
    {
        await using (var first = await StartAsync())
        {
            await first.CreateDatabaseAsync("portal");
            await ExecuteAsync(first, "create table kept (note text); insert into kept values ('still here')");
        }

        await using var second = await StartAsync();
        await second.CreateDatabaseAsync("portal"); // already there: a second start must not fail on it

        Assert.Equal("still here", await ExecuteAsync(second, "select note from kept"));
    }

    [Fact]
    public async Task It_listens_on_loopback_only()
    {
        await using var server = await StartAsync();
        await server.CreateDatabaseAsync("portal");

        Assert.Equal("127.0.0.1", await ExecuteAsync(server, "select host(inet_server_addr())"));
    }

    [Fact]
    public async Task A_start_that_fails_says_why_in_PostgreSQLs_own_words()
    {
        await using var running = await StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(StartAsync);

        Assert.Contains("pg_ctl failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Last lines of", error.Message, StringComparison.Ordinal);
        Assert.Contains("lock file \"postmaster.pid\" already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_left_running_by_a_process_that_has_exited_is_stopped_and_the_next_start_succeeds()
    {
        // Never stopped here: it stands in for the server of a host that was killed.
        var abandoned = await StartAsync();
        await abandoned.CreateDatabaseAsync("portal");
        await ExecuteAsync(abandoned, "create table kept (note text); insert into kept values ('still here')");
        await File.WriteAllTextAsync(Path.Combine(abandoned.DataDirectory, "portal-starter.pid"), $"{await ExitedProcessIdAsync()}");
        Assert.True(PostgresServer.IsAbandoned(abandoned.DataDirectory));

        await using var next = await StartAsync();

        Assert.False(PostgresServer.IsAbandoned(next.DataDirectory));
        Assert.Equal("still here", await ExecuteAsync(next, "select note from kept"));
    }

    [Fact]
    public async Task Only_a_server_whose_starter_has_exited_is_stopped_as_abandoned()
    {
        var server = await StartAsync();
        var running = Path.Combine(server.DataDirectory, "postmaster.pid");

        await PostgresServer.StopIfAbandonedAsync(server.DataDirectory, NullLogger.Instance);
        Assert.True(File.Exists(running), "the server of a process that still runs was stopped");

        await File.WriteAllTextAsync(Path.Combine(server.DataDirectory, "portal-starter.pid"), $"{await ExitedProcessIdAsync()}");
        await PostgresServer.StopIfAbandonedAsync(server.DataDirectory, NullLogger.Instance);
        Assert.False(File.Exists(running), "the abandoned server is still running");
    }

    [Fact]
    public void Without_server_binaries_the_error_says_what_to_install_or_configure()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.FirstWithServerPrograms([_dataDirectory]));

        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Portal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_binary_folder_without_the_programs_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Find(_dataDirectory));

        Assert.Contains(_dataDirectory, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private Task<PostgresServer> StartAsync() =>
        PostgresServer.StartAsync(new PostgresServerOptions { DataDirectory = _dataDirectory, Durable = false }, NullLogger.Instance);

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start("true")!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    private static async Task<object?> ExecuteAsync(PostgresServer server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("portal"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
