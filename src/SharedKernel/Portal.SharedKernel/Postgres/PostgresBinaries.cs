using System.Diagnostics;

namespace Portal.SharedKernel.Postgres;

// Finds the machine's PostgreSQL server programs: pg_config, then Debian's versioned folders, then PATH.
internal sealed record PostgresBinaries(string Directory)
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries Find(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return FirstWithServerPrograms(DiscoveredFolders());
        }

        // A folder the operator named is used or refused, never silently replaced by another installation.
        return HasServerPrograms(configured)
            ? new PostgresBinaries(configured)
            : throw new InvalidOperationException(
                $"Portal:PostgresBinDirectory is '{configured}', but that folder lacks {string.Join(", ", Required)}.");
    }

    public static PostgresBinaries FirstWithServerPrograms(IEnumerable<string> folders)
    {
        var found = folders.FirstOrDefault(HasServerPrograms);
        return found is not null
            ? new PostgresBinaries(found)
            : throw new InvalidOperationException(
                "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found via pg_config, /usr/lib/postgresql/*/bin or PATH. "
                + "Install them (Debian/Ubuntu: apt-get install -y postgresql), set Portal:PostgresBinDirectory to their folder, "
                + "or set ConnectionStrings__Portal to an existing PostgreSQL server.");
    }

    private static bool HasServerPrograms(string folder) => Required.All(tool => File.Exists(Path.Combine(folder, tool)));

    private static IEnumerable<string> DiscoveredFolders()
    {
        if (TryRun("pg_config", "--bindir") is { } fromPgConfig)
        {
            yield return fromPgConfig;
        }

        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            foreach (var folder in System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0))
            {
                yield return Path.Combine(folder, "bin");
            }
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }
    }

    private static string? TryRun(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }
}
