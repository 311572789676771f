using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Modules.Catalog.Features.Entities;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog.Projections;

// Stitches relations into entity rows that a write has left without them (CatalogReadModel.StitchedRelationsDdl), once
// no write has committed for a quiet period, so a bulk load is not slowed by re-stitching the groups and systems every
// batch points at. A chunk holds the exclusive side of a lock whose shared side every projection save holds: its snapshot
// comes after every save it could miss, and no save runs under it, so what it stores matches the committed rows.
// Stitched values that differ from what an entity's stream last recorded are then recorded there (RecordStitchedRelations),
// outside the lock: appends take stream locks, which saves waiting for the shared side already hold.
internal sealed class RelationStitcher(
    NpgsqlDataSource database,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<RelationStitchingOptions> options,
    ILogger<RelationStitcher> logger) : BackgroundService
{
    // The actor of the recorded stitches in entity histories.
    public const string Actor = "catalog-stitching";

    public const string WriterLockSql = $"select pg_advisory_xact_lock_shared({LockKey})";

    private const string LockKey = "hashtextextended('catalog.relation-stitching', 0)";

    private const int ChunkSize = 2000;

    private const string StitchSql = """
        update catalog.entities e set relations = s.relations, relations_unrecorded = catalog.relations_digest(s.relations) <> e.relations_digest
        from (select uid, catalog.relations_json(entity_ref) as relations from catalog.entities where relations is null limit $1) s
        where e.uid = s.uid
        """;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    // Longer than one save of a bulk load, so a load in progress never counts as quiet.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(3);

    // Only writes leave rows unstitched, and every write moves the read version (stitching does not), so a pass is due
    // once the version settles on a value no pass has run at, or once it has moved on from the last pass for MaxDelay.
    // Asking PostgreSQL whether any row is unstitched instead turned into a scan of the whole table whenever its
    // statistics still counted a load's unstitched rows.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? seen = null;
        long? stitchedAt = null;
        var quietSince = clock.GetUtcNow();
        DateTimeOffset? dueSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, stoppingToken);
                var version = await ReadVersionCache.CurrentVersionAsync(database, stoppingToken);
                var now = clock.GetUtcNow();
                if (version != seen)
                {
                    (seen, quietSince) = (version, now);
                    dueSince ??= now;
                }

                if (version != stitchedAt && (now - quietSince >= QuietPeriod || now - dueSince >= options.Value.MaxDelay))
                {
                    await StitchAllAsync(stoppingToken);
                    await RecordAsync(stoppingToken);
                    (stitchedAt, dueSince) = (version, null);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or ConcurrencyError)
            {
                logger.LogWarning(error, "Stitching relations failed; readers aggregate them meanwhile, retrying at the next poll");
            }
        }
    }

    private async Task StitchAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int stitched;
        do
        {
            stitched = await StitchChunkAsync(cancellationToken);
            total += stitched;
        }
        while (stitched == ChunkSize);

        if (total > 0)
        {
            logger.LogInformation("Stitched the relations of {Count} entities", total);
        }
    }

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var operation = scope.ServiceProvider.GetRequiredService<OperationContext>();
        (operation.User, operation.IsService) = (Actor, true);
        var recorded = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RecordStitchedRelations(), cancellationToken);
        if (recorded > 0)
        {
            logger.LogInformation("Recorded changed relations in the history of {Count} entities", recorded);
        }
    }

    private async Task<int> StitchChunkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"select pg_advisory_xact_lock({LockKey})", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        int stitched;
        await using (var command = new NpgsqlCommand(StitchSql, connection, transaction) { Parameters = { new() { Value = ChunkSize } } })
        {
            stitched = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stitched;
    }
}
