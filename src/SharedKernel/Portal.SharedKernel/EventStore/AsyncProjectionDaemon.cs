using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.SharedKernel.EventStore;

// Keeps every module's async projections up to date, polling every EventStore:AsyncPollMilliseconds.
internal sealed class AsyncProjectionDaemon(ProjectionRunner runner, IConfiguration configuration, ILogger<AsyncProjectionDaemon> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("EventStore:AsyncPollMilliseconds", 200));
        var projections = runner.Projections().ToList();
        if (projections.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var (module, projection) in projections)
            {
                try
                {
                    while (await runner.RunBatchAsync(module, projection, stoppingToken) == ProjectionRunner.BatchSize)
                    {
                        stoppingToken.ThrowIfCancellationRequested();
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The batch rolled back; the projection retries from the same position on the next poll.
                    logger.LogError(ex, "Async projection {Projection} of {Schema} failed", projection.Name, module.Schema);
                }
            }

            await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
