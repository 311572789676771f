using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Features.Locations;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// Processes due locations in the background, a few at a time. A location is claimed by moving its due time one interval
// ahead (FOR UPDATE SKIP LOCKED, so several hosts share the work), then processed as whoever asked for the refresh, or
// as the catalog itself on a schedule. Woken at once by registrations and refresh requests.
internal sealed class LocationProcessingAgent(
    NpgsqlDataSource database,
    IServiceScopeFactory scopes,
    LocationProcessingSignal signal,
    IOptions<CatalogProcessingOptions> options,
    ILogger<LocationProcessingAgent> logger) : BackgroundService
{
    public const string ScheduledProcessing = "catalog-processing";

    private const string ClaimSql = """
        with due as (
            select location_id, requested_by from catalog.location_refresh where due_at <= now() order by due_at limit 1 for update skip locked)
        update catalog.location_refresh r set due_at = now() + $1, requested_by = null
        from due where r.location_id = due.location_id
        returning due.location_id, due.requested_by
        """;

    private readonly CatalogProcessingOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentLocations);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var claimed = await ClaimAsync(stoppingToken);
                if (claimed is not { } due)
                {
                    slots.Release();
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                    continue;
                }

                running.RemoveAll(task => task.IsCompleted);
                running.Add(ProcessAsync(due.Id, due.RequestedBy, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: what is in flight finishes or stops at its next cancellation check
        }

        await Task.WhenAll(running);
    }

    private async Task<(Guid Id, string? RequestedBy)?> ClaimAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var command = database.CreateCommand(ClaimSql);
            command.Parameters.Add(new NpgsqlParameter { Value = _options.Interval, NpgsqlDbType = NpgsqlDbType.Interval });
            await using var reader = await command.ExecuteReaderAsync(stoppingToken);
            return await reader.ReadAsync(stoppingToken) ? (reader.GetGuid(0), await reader.IsDBNullAsync(1, stoppingToken) ? null : reader.GetString(1)) : null;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not claim a location to process; trying again after the poll interval");
            return null;
        }
    }

    private async Task ProcessAsync(Guid id, string? requestedBy, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var operation = scope.ServiceProvider.GetRequiredService<OperationContext>();
            operation.User = requestedBy ?? ScheduledProcessing;
            operation.IsService = requestedBy is null;
            var started = Stopwatch.GetTimestamp();
            if (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessLocation(id), stoppingToken) is { } processed)
            {
                var changes = processed.Written.CountBy(w => w.Change).ToDictionary();
                logger.LogInformation(
                    "Processed location {LocationId} in {ElapsedMs:0} ms: {Created} entities created, {Updated} updated, {Unchanged} unchanged, {Orphans} orphaned, {Errors} errors",
                    id,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    changes.GetValueOrDefault(EntityChange.Created),
                    changes.GetValueOrDefault(EntityChange.Updated),
                    changes.GetValueOrDefault(EntityChange.Unchanged),
                    processed.Orphans.Count,
                    processed.Errors.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Processing of location {LocationId} stopped by shutdown", id);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Processing of location {LocationId} failed; it is tried again after its interval", id);
        }
        finally
        {
            slots.Release();
        }
    }
}
