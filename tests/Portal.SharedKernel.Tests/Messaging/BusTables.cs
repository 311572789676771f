using Npgsql;

namespace Portal.SharedKernel.Tests.Messaging;

// Reads the bus tables directly: what is pending, handled and dead is the contract the agent keeps.
internal static class BusTables
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<long> CountAsync(string connectionString, string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static Task<long> PendingAsync(string connectionString) => CountAsync(connectionString, "select count(*) from bus.outbox");

    public static async Task UntilAsync(string connectionString, string sql, long expected, params object[] values)
    {
        var deadline = DateTime.UtcNow + Deadline;
        long actual;
        while ((actual = await CountAsync(connectionString, sql, values)) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{sql}' stayed at {actual}, expected {expected}");
            }

            await Task.Delay(20); // polling interval of a deadline-bound wait
        }
    }

    public static Task UntilOutboxIsEmptyAsync(string connectionString) =>
        UntilAsync(connectionString, "select count(*) from bus.outbox", 0);
}
