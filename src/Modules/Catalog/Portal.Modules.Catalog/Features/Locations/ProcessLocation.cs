using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Features.Entities;
using Portal.Modules.Catalog.Infrastructure.Locations;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog.Features.Locations;

// Reads a registered location again and brings the catalog in line with it, in one transaction: new and changed
// entities written, entities it no longer provides removed (or marked as orphans), its files and errors recorded.
// Internal: run by the processing agent, and by tests.
internal sealed record ProcessLocation(Guid Id) : IRequest<ProcessedLocation?>, IRetriedOnConcurrencyConflict;

internal sealed record ProcessedLocation(IReadOnlyList<EntityWriteResult> Written, IReadOnlyList<string> Orphans, IReadOnlyList<string> Errors);

internal sealed class ProcessLocationHandler(
    IEventSession<CatalogModule> session,
    EntityWrites writes,
    NpgsqlDataSource database,
    LocationWalker walker,
    RegisteredWalks registeredWalks,
    IServiceScopeFactory scopes,
    OperationContext operation,
    IOptions<CatalogProcessingOptions> options,
    ILogger<ProcessLocationHandler> logger) : IRequestHandler<ProcessLocation, ProcessedLocation?>
{
    public const string OrphanAnnotation = "backstage.io/orphan";

    private const int ChunkSize = 1000;

    private const int ConcurrentChunks = 2;

    private const string StateSql = """
        select type, target, presence, errors::text from catalog.locations where id = $1;
        select s.source, s.parent_ref, s.content_hash, s.problems::text,
            coalesce((select array_agg(e.entity_ref) from catalog.location_entities e where e.location_id = s.location_id and e.source = s.source), '{}')
        from catalog.location_sources s where s.location_id = $1
        """;

    private const string ProvidedElsewhereSql = """
        select p.entity_ref, l.type || ':' || l.target
        from catalog.location_entities p join catalog.locations l on l.id = p.location_id
        where p.entity_ref = any($1) and p.location_id <> $2
        """;

    public async Task<ProcessedLocation?> Handle(ProcessLocation request, CancellationToken cancellationToken)
    {
        await using var locationLock = await LocationLock.AcquireAsync(database, request.Id, cancellationToken);
        if (await StateAsync(request.Id, cancellationToken) is not { } state)
        {
            return null; // removed meanwhile
        }

        var walk = registeredWalks.Take(request.Id) ?? await walker.WalkAsync(state.Key, state.Presence, cancellationToken);
        var plan = LocationIngestion.Plan(state, walk, await ProvidedElsewhereAsync(request.Id, walk, cancellationToken));
        foreach (var error in plan.Errors.Where(e => !state.Errors.Contains(e)))
        {
            logger.LogWarning("Location {Location}: {Problem}", state.Key, error);
        }

        var turnedInvalid = (await writes.CurrentAsync([.. plan.Invalid.Keys], cancellationToken))
            .Select(stored => LocationIngestion.WithStatus(stored, plan.Invalid[EntityIdentity.RefOf(stored).ToString()]));
        var written = await WriteAsync([.. plan.Writes.Concat(turnedInvalid).Select(EntityContent.Of)], cancellationToken);
        if (options.Value.KeepOrphans)
        {
            var orphans = await writes.CurrentAsync(plan.Orphans, cancellationToken);
            await writes.UpsertAsync([.. orphans.Select(entity => EntityContent.Of(MarkedOrphan(entity)))], cancellationToken);
        }
        else
        {
            await writes.RemoveAsync(plan.Orphans, cancellationToken);
        }

        if (plan.Events.Count > 0)
        {
            // the advisory lock makes this the only processing of the location; refresh requests may append meanwhile
            session.Events.Append(request.Id.ToString(), [.. plan.Events]);
        }

        await session.SaveChangesAsync(cancellationToken);
        return new ProcessedLocation(written, plan.Orphans, plan.Errors);
    }

    // Up to a thousand entities go with the location's own events in one save. A larger tree is written in chunks, two
    // saves at a time, each committed on its own: one save of ten thousand entities keeps one PostgreSQL backend busy
    // while the other core idles. A chunk that fails leaves the ones before it written; the location's events are not
    // saved, so the next processing reads every source again and writes what is still missing.
    private async Task<IReadOnlyList<EntityWriteResult>> WriteAsync(IReadOnlyList<EntityContent> contents, CancellationToken cancellationToken)
    {
        if (contents.Count <= ChunkSize)
        {
            return await writes.UpsertAsync(contents, cancellationToken);
        }

        var chunks = contents.Chunk(ChunkSize).ToList();
        var results = new IReadOnlyList<EntityWriteResult>[chunks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chunks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentChunks, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                operation.CopyTo(scope.ServiceProvider.GetRequiredService<OperationContext>());
                results[index] = await scope.ServiceProvider.GetRequiredService<EntityWrites>().UpsertAsync(chunks[index], token);
                await scope.ServiceProvider.GetRequiredService<IEventSession<CatalogModule>>().SaveChangesAsync(token);
            });
        return [.. results.SelectMany(r => r)];
    }

    private static JsonObject MarkedOrphan(JsonObject entity)
    {
        var metadata = entity["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            metadata["annotations"] = annotations = [];
        }

        annotations[OrphanAnnotation] = "true";
        return entity;
    }

    private async Task<LocationState?> StateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        foreach (var sql in StateSql.Split(';'))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = id } } });
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var key = new LocationKey(reader.GetString(0), reader.GetString(1));
        var presence = await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetString(2);
        var errors = JsonSerializer.Deserialize<string[]>(reader.GetString(3))!;
        await reader.NextResultAsync(cancellationToken);
        var sources = new Dictionary<string, StoredSource>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources[reader.GetString(0)] = new StoredSource(
                reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(4), JsonSerializer.Deserialize<string[]>(reader.GetString(3))!);
        }

        return new LocationState(id, key, presence, errors, sources);
    }

    private async Task<Dictionary<string, string>> ProvidedElsewhereAsync(Guid id, LocationWalk walk, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ProvidedElsewhereSql);
        command.Parameters.Add(new NpgsqlParameter { Value = walk.Entities.Select(e => e.Ref).OfType<string>().ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners[reader.GetString(0)] = reader.GetString(1);
        }

        return owners;
    }
}
