using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Domain.Relations;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;

namespace Portal.Modules.Catalog.Projections;

// Keeps catalog.entities, catalog.search and catalog.relations in the transaction of the append. A save of a thousand
// entities costs four round trips: the deletes, one COPY per index table, then the entity rows. Writing catalog.entities
// moves the catalog's read version, whose row stays locked until commit, so it comes last: concurrent saves overlap in
// everything before it.
// Every entity whose relation rows the save changes loses its stitched relations in the same transaction, under the
// shared side of RelationStitcher's lock, so a stitched value is never older than the rows it was built from.
internal sealed class EntityProjection : IInlineProjection
{
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var changes = Changes.Of(events);
        if (changes.Written.Count == 0 && changes.Stale.Count == 0)
        {
            return;
        }

        var rows = changes.Written.Select(FinalEntity.From).ToList();
        await using (var batch = new NpgsqlBatch(context.Connection, context.Transaction))
        {
            var stale = changes.Stale.ToArray();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(RelationStitcher.WriterLockSql));
            batch.BatchCommands.Add(Command(
                LockTouchedSql, rows.Select(r => r.Uid).Concat(changes.Removed).ToArray(), rows.SelectMany(r => r.Relations).Select(r => r.SourceRef).Distinct().ToArray(), stale));
            if (stale.Length > 0)
            {
                batch.BatchCommands.Add(Command("delete from catalog.search where uid = any($1)", stale));
                batch.BatchCommands.Add(Command("delete from catalog.relations where originating_uid = any($1)", stale));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await CopyAsync(
            context.Connection,
            "copy catalog.search (uid, key, value, original_value) from stdin (format binary)",
            rows.SelectMany(r => r.Search.Select(s => (r.Uid, s.Key, s.Value, s.OriginalValue))),
            cancellationToken);
        await CopyAsync(
            context.Connection,
            "copy catalog.relations (originating_uid, source_ref, type, target_ref) from stdin (format binary)",
            rows.SelectMany(r => r.Relations.Select(x => (r.Uid, x.SourceRef, (string?)x.Type, (string?)x.TargetRef))),
            cancellationToken);

        await using (var batch = new NpgsqlBatch(context.Connection, context.Transaction))
        {
            if (changes.Removed.Count > 0)
            {
                batch.BatchCommands.Add(Command("delete from catalog.entities where uid = any($1)", changes.Removed.ToArray()));
            }

            if (rows.Count > 0)
            {
                batch.BatchCommands.Add(Command(
                    """
                    insert into catalog.entities (uid, entity_ref, kind, namespace, name, etag, hash, entity)
                    select u.uid, u.ref, u.kind, u.namespace, u.name, u.etag, u.hash, u.entity::json
                    from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                        as u(uid, ref, kind, namespace, name, etag, hash, entity)
                    on conflict (uid) do update set entity_ref = excluded.entity_ref, kind = excluded.kind, namespace = excluded.namespace,
                        name = excluded.name, etag = excluded.etag, hash = excluded.hash, entity = excluded.entity, relations = null,
                        relations_unrecorded = false, updated_at = now()
                    """,
                    rows.Select(r => r.Uid).ToArray(),
                    rows.Select(r => r.Ref.ToString()).ToArray(),
                    rows.Select(r => r.Ref.Kind.ToLowerInvariant()).ToArray(),
                    rows.Select(r => r.Ref.Namespace.ToLowerInvariant()).ToArray(),
                    rows.Select(r => r.Ref.Name.ToLowerInvariant()).ToArray(),
                    rows.Select(r => r.Etag).ToArray(),
                    rows.Select(r => r.Hash).ToArray(),
                    rows.Select(r => r.Entity.ToJsonString()).ToArray()));
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    // Locks, in uid order, every existing entity row the save will write: the entities written or removed ($1), those whose
    // relation rows it adds ($2) or removes (sources of the stale entities' rows, $3) wherever they are stitched, and
    // takes their stitched relations off. One ordered statement, so saves that touch each other's entities queue up
    // instead of deadlocking; rows not stitched need no lock, as no stitcher runs beside a save.
    private const string LockTouchedSql = """
        with touched as (
            select uid, relations is not null as stitched from catalog.entities
            where uid = any($1)
                or (relations is not null
                    and (entity_ref = any($2) or entity_ref in (select source_ref from catalog.relations where originating_uid = any($3))))
            order by uid
            for update)
        update catalog.entities e set relations = null, relations_unrecorded = false from touched t where e.uid = t.uid and t.stitched
        """;

    // Both index tables are a uid and three text columns, so one binary COPY writer serves them.
    private static async Task CopyAsync(
        NpgsqlConnection connection, string copyCommand, IEnumerable<(Guid Uid, string First, string? Second, string? Third)> rows, CancellationToken cancellationToken)
    {
        if (!rows.Any())
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        foreach (var (uid, first, second, third) in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(uid, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(first, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(copy, second, cancellationToken);
            await WriteNullableAsync(copy, third, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        }

        return command;
    }

    // What a save leaves behind: the last written content of each stream, the streams whose old rows go, the removed ones.
    private sealed record Changes(IReadOnlyCollection<Written> Written, IReadOnlyCollection<Guid> Stale, IReadOnlyCollection<Guid> Removed)
    {
        public static Changes Of(IReadOnlyList<StoredEvent> events)
        {
            var written = new Dictionary<Guid, Written>();
            var stale = new HashSet<Guid>();
            var removed = new HashSet<Guid>();
            foreach (var stored in events)
            {
                var uid = Guid.Parse(stored.StreamId);
                switch (stored.Data)
                {
                    case EntityRegistered registered:
                        written[uid] = new Written(uid, registered.Entity, registered.Etag, registered.Hash);
                        break;
                    case EntityUpdated updated:
                        written[uid] = new Written(uid, updated.Entity, updated.Etag, updated.Hash);
                        stale.Add(uid);
                        break;
                    case EntityRemoved:
                        written.Remove(uid);
                        stale.Add(uid);
                        removed.Add(uid);
                        break;
                }
            }

            return new Changes(written.Values, stale, removed);
        }
    }

    private sealed record Written(Guid Uid, JsonObject Content, string Etag, string Hash);

    // The entity row as served (the content with the uid and etag the catalog assigned) and its index rows, all worked
    // out before any SQL runs, so an entity the index refuses fails the save cleanly.
    private sealed record FinalEntity(
        Guid Uid, EntityRef Ref, string Etag, string Hash, JsonObject Entity, IReadOnlyList<SearchRow> Search, IReadOnlyList<EntityRelation> Relations)
    {
        public static FinalEntity From(Written written)
        {
            var entity = written.Content.DeepClone().AsObject();
            if (entity["metadata"] is not JsonObject metadata)
            {
                entity["metadata"] = metadata = [];
            }

            metadata["uid"] = written.Uid.ToString();
            metadata["etag"] = written.Etag;
            var entityRef = EntityIdentity.RefOf(entity);
            return new FinalEntity(written.Uid, entityRef, written.Etag, written.Hash, entity, SearchRows(entityRef, entity), RelationRules.For(entity));
        }

        private static IReadOnlyList<SearchRow> SearchRows(EntityRef entityRef, JsonObject entity)
        {
            try
            {
                return SearchIndex.Rows(entity);
            }
            catch (InputError error)
            {
                throw new InputError($"{entityRef}: {error.Message}", error.Fields);
            }
        }
    }
}
