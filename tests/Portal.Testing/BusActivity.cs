using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Portal.Testing;

/// <summary>
/// Wolverine's "tracked session" idea for Portal's durable bus: wait until what was published has been handled, instead
/// of sleeping. Works on any host with the Portal kernel: <c>app.Services</c> of a <see cref="PortalApp"/> or an <c>IHost</c>.
/// </summary>
public static class BusActivity
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private const int ListedRows = 20;

    /// <summary>
    /// Returns once the outbox holds no due message. A delivery in flight keeps its row until the handler's work has
    /// committed, so this also means nothing is being handled; retries scheduled for later do not count. Throws a
    /// <see cref="TimeoutException"/> listing the pending messages when <paramref name="timeout"/> passes first.
    /// </summary>
    public static async Task WaitForBusIdleAsync(this IServiceProvider services, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetRequiredService<NpgsqlDataSource>();
        var deadline = DateTime.UtcNow + timeout;
        while (await DueCountAsync(database, cancellationToken) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(await DescribePendingAsync(database, timeout, cancellationToken));
            }

            await Task.Delay(PollInterval, cancellationToken); // polling interval of a deadline-bound wait
        }
    }

    private static async Task<long> DueCountAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select count(*) from bus.outbox where next_attempt_at <= now()");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Rows a delivery agent holds are skipped by the KEY SHARE probe: that is how an in-flight one is told from a waiting one.
    private static async Task<string> DescribePendingAsync(NpgsqlDataSource database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            with free as (select id from bus.outbox where next_attempt_at <= now() for key share skip locked)
            select o.message_type, o.handler, o.attempts, o.last_error, o.id not in (select id from free)
            from bus.outbox o where o.next_attempt_at <= now() order by o.id limit {ListedRows}
            """);
        var text = new StringBuilder($"The bus was not idle within {timeout}; due messages (first {ListedRows}):");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            text.Append($"\n  {reader.GetString(0)} -> {reader.GetString(1)}: {(reader.GetBoolean(4) ? "in flight" : "waiting")}, ")
                .Append($"{reader.GetInt32(2)} failed attempts{(reader.IsDBNull(3) ? "" : $", last error: {FirstLine(reader.GetString(3))}")}");
        }

        return text.ToString();
    }

    private static string FirstLine(string error) => error.Split('\n', 2)[0].Trim();
}
