using Npgsql;
using Portal.Modules.Catalog.Domain;
using Portal.SharedKernel.EventStore;

namespace Portal.Modules.Catalog.Projections;

// Runs after EntityProjection. A recorded stitch moves the entity's etag, in its column and in the served text, where
// EntityProjection put it right after the uid, and clears the row's mark unless the stitched value has moved on since.
internal sealed class RecordedRelationsProjection : IInlineProjection
{
    private const string RecordSql = """
        update catalog.entities e set etag = u.etag, relations_digest = u.digest,
            relations_unrecorded = e.relations is not null and catalog.relations_digest(e.relations) <> u.digest,
            entity = replace(e.entity::text, '"uid":"' || e.uid || '","etag":"' || e.etag || '"', '"uid":"' || e.uid || '","etag":"' || u.etag || '"')::json
        from unnest($1::uuid[], $2::text[], $3::text[]) as u(uid, etag, digest)
        where e.uid = u.uid
        """;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<Guid, EntityRelationsStitched>();
        foreach (var stored in events)
        {
            if (stored.Data is EntityRelationsStitched stitched)
            {
                recorded[Guid.Parse(stored.StreamId)] = stitched;
            }
        }

        if (recorded.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(RecordSql, context.Connection, context.Transaction)
        {
            Parameters =
            {
                new() { Value = recorded.Keys.ToArray() },
                new() { Value = recorded.Values.Select(r => r.Etag).ToArray() },
                new() { Value = recorded.Values.Select(r => r.RelationsDigest).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
