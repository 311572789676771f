using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Messaging;

internal sealed class PostgresOutbox(MessageRoutes routes, OperationContext context, ILogger<PostgresOutbox> logger) : IOutbox
{
    public const string NotifyChannel = "portal_bus";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string InsertSql = """
        insert into bus.outbox (message_id, message_type, handler, body, correlation_id, causation_id, user_subject, is_service)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        """;

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<object> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in messages)
        {
            AddRows(batch, message);
        }

        if (batch.BatchCommands.Count == 0)
        {
            return;
        }

        // NOTIFY is delivered on commit only, so a rolled-back publish never wakes a delivery agent.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{NotifyChannel}', '')"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddRows(NpgsqlBatch batch, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var subscribers = routes.SubscribersOf(type);
        if (subscribers.Count == 0)
        {
            logger.LogDebug("No handler subscribes to {MessageType}; nothing is written to the outbox", type.Name);
            return;
        }

        var messageId = Guid.CreateVersion7();
        var body = JsonSerializer.Serialize(message, type, Json);
        foreach (var subscription in subscribers)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertSql)
            {
                Parameters =
                {
                    new() { Value = messageId },
                    new() { Value = MessageRoutes.TypeName(type) },
                    new() { Value = subscription.HandlerKey },
                    new() { Value = body, NpgsqlDbType = NpgsqlDbType.Jsonb },
                    new() { Value = (object?)context.CorrelationId ?? messageId.ToString() },
                    new() { Value = (object?)context.CausationId ?? DBNull.Value },
                    new() { Value = (object?)context.User ?? DBNull.Value },
                    new() { Value = context.IsService },
                },
            });
        }
    }
}
