using System.Diagnostics;

namespace Portal.Host.Tests;

// The real host process with its embedded PostgreSQL: a start that fails after the database came up must stop it,
// or the next start on the same data directory fails because a server still holds it.
public sealed class FailedStartTests
{
    [Fact]
    public async Task A_host_with_bad_configuration_exits_1_saying_why_and_leaves_no_PostgreSQL_running()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"portal-failed-start-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, output) = await RunHostAsync($"--Portal:DataDirectory={dataDirectory}", "--Catalog:QueryCache:Megabytes=-1");

            Assert.Equal(1, exitCode);
            Assert.Contains("Portal stopped: Catalog:QueryCache:Megabytes must be 0 (no cache) or more", output, StringComparison.Ordinal);
            Assert.Equal(1, Occurrences(output, "OptionsValidationException:"));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "PG_VERSION")), "the embedded cluster was created in the data directory");
            Assert.False(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), "PostgreSQL is still running on the data directory");
        }
        finally
        {
            StopLeftoverServer(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_host_that_cannot_start_its_database_exits_1_and_says_why_once()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"portal-no-binaries-{Guid.NewGuid():N}");

        var (exitCode, output) = await RunHostAsync($"--Portal:PostgresBinDirectory={missing}");

        Assert.Equal(1, exitCode);
        Assert.Contains("Portal could not start", output, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(output, $"Portal:PostgresBinDirectory is '{missing}', but that folder lacks"));
        Assert.Equal(1, Occurrences(output, "InvalidOperationException:"));
    }

    private static int Occurrences(string text, string part) => text.Split(part).Length - 1;

    private static async Task<(int ExitCode, string Output)> RunHostAsync(params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Host.dll"));
        start.ArgumentList.Add("--Urls=http://127.0.0.1:0");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        // The host falls back to its embedded PostgreSQL only without a connection string.
        start.Environment.Remove("ConnectionStrings__Portal");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    // Only when the host failed to stop it: the first line of postmaster.pid is the server's process id.
    private static void StopLeftoverServer(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid))
        {
            using var server = Process.GetProcessById(pid);
            server.Kill();
            server.WaitForExit();
        }
    }
}
