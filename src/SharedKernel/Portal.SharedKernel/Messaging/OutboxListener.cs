using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.SharedKernel.Messaging;

// Holds one connection on LISTEN portal_bus and turns each commit that wrote outbox rows into a wake-up of the agent.
internal sealed class OutboxListener(NpgsqlDataSource database, ILogger<OutboxListener> logger)
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastReconnectDelay = TimeSpan.FromSeconds(10);

    // A silent network drop never fails WaitAsync, so an idle connection proves itself alive now and then.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    // Returns after a wake-up or once the timeout passes, whichever comes first.
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            return; // timed out, or the host is stopping: the caller's loop checks which
        }
    }

    public async Task ListenAsync(CancellationToken stoppingToken)
    {
        var delay = FirstReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"listen {PostgresOutbox.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                delay = FirstReconnectDelay;
                Wake(); // whatever was committed while nobody listened
                await WaitForNotificationsAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The bus listener lost its connection; reconnecting in {Delay}", delay);
                await SleepAsync(delay, stoppingToken);
                delay = delay * 2 < LastReconnectDelay ? delay * 2 : LastReconnectDelay;
            }
        }
    }

    private static async Task WaitForNotificationsAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        while (true)
        {
            if (!await connection.WaitAsync(KeepAliveInterval, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    private static async Task SleepAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }
}
