using Npgsql;

namespace Portal.SharedKernel.Messaging;

internal sealed record OutboxRow(
    long Id, Guid MessageId, string MessageType, string Handler, string Body,
    string? CorrelationId, string? CausationId, string? User, bool IsService, int Attempts, bool AlreadyHandled);

// The delivery agent's SQL. Every call runs inside the claim transaction, so a crash or a shutdown rolls back to "pending".
internal static class OutboxStore
{
    // SKIP LOCKED lets several hosts claim side by side: a row locked by one agent is invisible to the others' claims.
    private const string ClaimSql = """
        select o.id, o.message_id, o.message_type, o.handler, o.body::text, o.correlation_id, o.causation_id, o.user_subject,
            o.is_service, o.attempts, exists (select 1 from bus.inbox i where i.message_id = o.message_id and i.handler = o.handler)
        from bus.outbox o
        where next_attempt_at <= now()
        order by id
        limit $1
        for update skip locked
        """;

    private const string DeadLetterSql = """
        with moved as (delete from bus.outbox where id = $1 returning *)
        insert into bus.dead_letters
            (id, message_id, message_type, handler, body, correlation_id, causation_id, user_subject, is_service, attempts, error, created_at)
        select id, message_id, message_type, handler, body, correlation_id, causation_id, user_subject, is_service, attempts + 1, $2, created_at
        from moved
        """;

    public static async Task<List<OutboxRow>> ClaimAsync(NpgsqlTransaction transaction, int batchSize, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, ClaimSql, batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7), reader.GetBoolean(8),
                reader.GetInt32(9), reader.GetBoolean(10)));
        }

        return rows;
    }

    // One round trip per batch: handled rows enter the inbox and every finished row (handled or duplicate) leaves the outbox.
    // ON CONFLICT: two agents can race on duplicate rows of one message; the loser must not abort its whole claim.
    public static async Task FinishAsync(
        NpgsqlTransaction transaction, IReadOnlyList<OutboxRow> handled, IReadOnlyList<OutboxRow> duplicates, CancellationToken cancellationToken)
    {
        if (handled.Count + duplicates.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    insert into bus.inbox (message_id, handler) select * from unnest($1::uuid[], $2::text[]) on conflict do nothing
                    """)
                {
                    Parameters = { new() { Value = handled.Select(r => r.MessageId).ToArray() }, new() { Value = handled.Select(r => r.Handler).ToArray() } },
                },
                new NpgsqlBatchCommand("delete from bus.outbox where id = any($1)")
                {
                    Parameters = { new() { Value = handled.Concat(duplicates).Select(r => r.Id).ToArray() } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public static Task RescheduleAsync(NpgsqlTransaction transaction, OutboxRow row, TimeSpan delay, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, """
            update bus.outbox set attempts = attempts + 1, next_attempt_at = clock_timestamp() + $2, last_error = $3 where id = $1
            """, cancellationToken, row.Id, delay, error);

    public static Task DeadLetterAsync(NpgsqlTransaction transaction, OutboxRow row, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, DeadLetterSql, cancellationToken, row.Id, error);

    private static async Task ExecuteAsync(NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Command(transaction, sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlTransaction transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
