using Npgsql;

namespace Portal.Bench;

/// <summary>
/// Logs the executed plan of every statement (auto_explain, analyze + buffers) for new connections to the
/// database, so the plans reported are those of the host's real queries, not hand-copied SQL.
/// </summary>
internal static class PlanLogging
{
    public static async Task EnableAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var setting in new[]
                 {
                     "session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 0",
                     "auto_explain.log_analyze = on", "auto_explain.log_buffers = on", "auto_explain.log_timing = on",
                 })
        {
            await using var command = new NpgsqlCommand($"alter database \"{database}\" set {setting}", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static string Read(string dataDirectory) =>
        string.Join('\n', File.ReadAllLines(Path.Combine(dataDirectory, "portal-postgres.log"))
            .SkipWhile(l => !l.Contains("duration:", StringComparison.Ordinal)));
}
