using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.SharedKernel.Messaging;

// Delivers committed outbox rows to their handlers: woken by NOTIFY for latency, polling for retries and anything missed.
internal sealed class DurableDeliveryAgent(
    NpgsqlDataSource database,
    OutboxListener listener,
    MessageRoutes routes,
    MessageHandlerRunner runner,
    DeliveryOptions options,
    ILogger<DurableDeliveryAgent> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = listener.ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DeliverBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The bus could not claim outbox messages; retrying after the poll interval");
            }

            if (claimed < options.BatchSize)
            {
                await listener.WaitAsync(options.PollInterval, stoppingToken);
            }
        }

        await listening;
    }

    private async Task<int> DeliverBatchAsync(CancellationToken stoppingToken)
    {
        await using var connection = await database.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        var rows = await OutboxStore.ClaimAsync(transaction, options.BatchSize, stoppingToken);
        var handled = new List<OutboxRow>();
        var duplicates = new List<OutboxRow>();
        foreach (var row in rows)
        {
            // On shutdown the message in hand finishes; the rest of the claim stays pending for the next agent.
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (row.AlreadyHandled || handled.Any(h => h.MessageId == row.MessageId && h.Handler == row.Handler))
            {
                logger.LogDebug("Message {MessageId} was already handled by {Handler}; dropping the duplicate", row.MessageId, row.Handler);
                duplicates.Add(row);
            }
            else if (await TryHandleAsync(transaction, row))
            {
                handled.Add(row);
            }
        }

        await OutboxStore.FinishAsync(transaction, handled, duplicates, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return rows.Count;
    }

    private async Task<bool> TryHandleAsync(NpgsqlTransaction transaction, OutboxRow row)
    {
        try
        {
            var route = routes.Find(row.Handler, row.MessageType)
                ?? throw new InvalidOperationException($"No handler {row.Handler} of {row.MessageType} is registered in this host");
            await runner.RunAsync(row, route, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            await FailAsync(transaction, row, ex);
            return false;
        }
    }

    private async Task FailAsync(NpgsqlTransaction transaction, OutboxRow row, Exception error)
    {
        var attempts = row.Attempts + 1;
        if (attempts >= options.MaxAttempts)
        {
            await OutboxStore.DeadLetterAsync(transaction, row, error.ToString(), CancellationToken.None);
            logger.LogError(error, "Message {MessageId} ({MessageType}) failed {Attempts} times in {Handler}; moved to bus.dead_letters",
                row.MessageId, row.MessageType, attempts, row.Handler);
            return;
        }

        var delay = options.BackoffAfter(attempts);
        await OutboxStore.RescheduleAsync(transaction, row, delay, error.ToString(), CancellationToken.None);
        logger.LogWarning(error, "Message {MessageId} failed in {Handler} (attempt {Attempts}); retrying in {Delay}",
            row.MessageId, row.Handler, attempts, delay);
    }
}
