using System.Text.Json;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.SharedKernel.EventStore;

namespace Portal.Modules.Catalog.Features.Entities;

// Records, in each entity's stream, relations the stitcher has given it that differ from the last recorded ones, so its
// history shows when others started or stopped pointing at it, and its etag moves, which subscribers hear as an
// EntityUpserted. Each chunk states the stream versions it read: a write that lands meanwhile fails the chunk, and the
// retry reads the rows again.
// Internal: run by RelationStitcher after each stitching pass; answers how many entities it recorded.
internal sealed record RecordStitchedRelations : IRequest<int>, IRetriedOnConcurrencyConflict;

internal sealed class RecordStitchedRelationsHandler(IEventSession<CatalogModule> session, NpgsqlDataSource database)
    : IRequestHandler<RecordStitchedRelations, int>
{
    private const int ChunkSize = 1000;

    // In uid order from where the last chunk stopped, so a pass visits each marked row once.
    private const string UnrecordedSql = """
        select e.uid, e.entity_ref, e.hash, e.relations, catalog.relations_digest(e.relations), s.version
        from catalog.entities e join catalog.streams s on s.id = e.uid::text
        where e.relations_unrecorded and e.relations is not null and e.uid > $1
        order by e.uid limit $2
        """;

    private static readonly JsonSerializerOptions Relations = new(JsonSerializerDefaults.Web);

    public async Task<int> Handle(RecordStitchedRelations request, CancellationToken cancellationToken)
    {
        var (total, after) = (0, Guid.Empty);
        while (true)
        {
            var chunk = await UnrecordedAsync(after, cancellationToken);
            foreach (var row in chunk)
            {
                var relations = JsonSerializer.Deserialize<List<StitchedRelation>>(row.Relations, Relations)!;
                var etag = EntityEtag.Of(row.Hash, row.Digest);
                session.Events.Append(row.Uid.ToString(), row.Version, new EntityRelationsStitched(relations, row.Digest, etag));
                await session.PublishAsync(new EntityUpserted(row.Uid, row.Ref, etag, Created: false));
            }

            await session.SaveChangesAsync(cancellationToken);
            total += chunk.Count;
            if (chunk.Count < ChunkSize)
            {
                return total;
            }

            after = chunk[^1].Uid;
        }
    }

    private async Task<List<Unrecorded>> UnrecordedAsync(Guid after, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(UnrecordedSql);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = ChunkSize });
        var rows = new List<Unrecorded>(ChunkSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Unrecorded(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return rows;
    }

    private sealed record Unrecorded(Guid Uid, string Ref, string Hash, string Relations, string Digest, long Version);
}
