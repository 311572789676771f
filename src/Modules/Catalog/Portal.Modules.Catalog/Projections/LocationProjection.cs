using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.SharedKernel.EventStore;

namespace Portal.Modules.Catalog.Projections;

// Keeps catalog.locations, its refresh queue, the files each location reached and the entities it provides, in the
// transaction of the append; all of a save's statements go in one batch.
internal sealed class LocationProjection : IInlineProjection
{
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        foreach (var stored in events)
        {
            foreach (var command in Commands(stored))
            {
                batch.BatchCommands.Add(command);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static IEnumerable<NpgsqlBatchCommand> Commands(StoredEvent stored) => stored.Data switch
    {
        LocationRegistered e =>
        [
            Command(
                "insert into catalog.locations (id, type, target, presence, entity_ref, registered_by, registered_at) values ($1, $2, $3, $4, $5, $6, $7)",
                e.Id, e.Type, e.Target, Nullable(e.Presence), e.EntityRef, Nullable(stored.Metadata.User), stored.Timestamp),
            Command("insert into catalog.location_refresh (location_id, due_at, requested_by) values ($1, $2, $3)", e.Id, stored.Timestamp, Nullable(stored.Metadata.User)),
            Command("insert into catalog.location_entities (entity_ref, location_id) values ($1, $2)", e.EntityRef, e.Id),
        ],
        LocationRefreshRequested e =>
        [
            Command("update catalog.location_refresh set due_at = $2, requested_by = $3 where location_id = $1", e.Id, stored.Timestamp, Nullable(stored.Metadata.User)),
        ],
        LocationSourceRead e =>
        [
            Command(
                """
                insert into catalog.location_sources (location_id, source, parent_ref, content_hash, problems) values ($1, $2, $3, $4, $5::json)
                on conflict (location_id, source) do update set parent_ref = excluded.parent_ref, content_hash = excluded.content_hash, problems = excluded.problems
                """,
                e.Id, e.Source, e.ParentRef, e.ContentHash, JsonSerializer.Serialize(e.Problems)),
            Command("delete from catalog.location_entities where location_id = $1 and source = $2 and not (entity_ref = any($3))", e.Id, e.Source, e.EntityRefs.ToArray()),
            Command(
                """
                insert into catalog.location_entities (entity_ref, location_id, source, parent_ref) select unnest($3::text[]), $1, $2, $4
                on conflict (entity_ref) do update set source = excluded.source, parent_ref = excluded.parent_ref
                where location_entities.location_id = excluded.location_id
                """,
                e.Id, e.Source, e.EntityRefs.ToArray(), e.ParentRef),
        ],
        LocationSourceDropped e =>
        [
            Command("delete from catalog.location_sources where location_id = $1 and source = $2", e.Id, e.Source),
            Command("delete from catalog.location_entities where location_id = $1 and source = $2", e.Id, e.Source),
        ],
        LocationStatusChanged e => [Command("update catalog.locations set errors = $2::json where id = $1", e.Id, JsonSerializer.Serialize(e.Errors))],
        LocationRemoved e => [Command("delete from catalog.locations where id = $1", e.Id)],
        _ => [],
    };

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(value is DateTimeOffset at
                ? new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz }
                : new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
