using System.Text.Json.Nodes;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.SharedKernel.EventStore;

namespace Portal.Modules.Catalog.Features.Entities;

// Stages entity writes in the session, for UpsertEntities and location processing: one read of what exists, then a
// stream started for a new ref, an update appended for changed content, nothing for unchanged content, each change
// with its integration event. The caller saves.
internal sealed class EntityWrites(IEventSession<CatalogModule> session, NpgsqlDataSource database)
{
    // The content of an existing entity is read only when its hash differs: an update needs it for the changed paths.
    private const string ExistingSql = """
        select u.ref, e.uid, e.etag, e.hash, e.relations_digest, s.version, case when e.hash <> u.hash then e.entity::text end
        from unnest($1::text[], $2::text[]) as u(ref, hash)
        join catalog.entities e on e.entity_ref = u.ref
        join catalog.streams s on s.id = e.uid::text
        """;

    private const string RemovableSql = """
        select e.uid, e.entity_ref, s.version from catalog.entities e join catalog.streams s on s.id = e.uid::text where e.entity_ref = any($1)
        """;

    private const string CurrentSql = "select entity::text from catalog.entities where entity_ref = any($1) order by entity_ref";

    public async Task<IReadOnlyList<EntityWriteResult>> UpsertAsync(IReadOnlyList<EntityContent> contents, CancellationToken cancellationToken)
    {
        var existing = await ExistingAsync(contents, cancellationToken);
        var results = new List<EntityWriteResult>(contents.Count);
        foreach (var content in contents)
        {
            var entityRef = content.Ref.ToString();
            if (!existing.TryGetValue(entityRef, out var current))
            {
                // Time-ordered, so a batch's new rows land on the right-hand pages of the uid-keyed indexes instead of all over them.
                var uid = Guid.CreateVersion7();
                var registered = CatalogEntity.Register(uid, content);
                session.Events.StartStream<CatalogEntity>(uid.ToString(), registered);
                await session.PublishAsync(new EntityUpserted(uid, entityRef, registered.Etag, Created: true));
                results.Add(new EntityWriteResult(entityRef, uid, registered.Etag, EntityChange.Created));
            }
            else if (current.Hash == content.Hash)
            {
                results.Add(new EntityWriteResult(entityRef, current.Uid, current.Etag, EntityChange.Unchanged));
            }
            else
            {
                var updated = (EntityUpdated)current.Aggregate(entityRef).Update(content).Single();
                session.Events.Append(current.Uid.ToString(), current.Version, updated);
                await session.PublishAsync(new EntityUpserted(current.Uid, entityRef, updated.Etag, Created: false));
                results.Add(new EntityWriteResult(entityRef, current.Uid, updated.Etag, EntityChange.Updated));
            }
        }

        return results;
    }

    // Removes the entities with these refs that exist; answers with their refs.
    public async Task<IReadOnlyList<string>> RemoveAsync(IReadOnlyList<string> refs, CancellationToken cancellationToken)
    {
        var removed = new List<(Guid Uid, string Ref, long Version)>();
        if (refs.Count > 0)
        {
            await using var command = database.CreateCommand(RemovableSql);
            command.Parameters.Add(new NpgsqlParameter { Value = refs.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                removed.Add((reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        foreach (var (uid, entityRef, version) in removed)
        {
            session.Events.Append(uid.ToString(), version, new Domain.EntityRemoved(uid, entityRef));
            await session.PublishAsync(new Contracts.EntityRemoved(uid, entityRef));
        }

        return [.. removed.Select(r => r.Ref)];
    }

    // The stored entities with these refs (those that exist), as the catalog serves them but without relations.
    public async Task<IReadOnlyList<JsonObject>> CurrentAsync(IReadOnlyList<string> refs, CancellationToken cancellationToken)
    {
        var entities = new List<JsonObject>();
        if (refs.Count == 0)
        {
            return entities;
        }

        await using var command = database.CreateCommand(CurrentSql);
        command.Parameters.Add(new NpgsqlParameter { Value = refs.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entities.Add(JsonNode.Parse(reader.GetString(0))!.AsObject());
        }

        return entities;
    }

    private async Task<Dictionary<string, Existing>> ExistingAsync(IReadOnlyList<EntityContent> contents, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, Existing>(StringComparer.Ordinal);
        if (contents.Count == 0)
        {
            return existing;
        }

        await using var command = database.CreateCommand(ExistingSql);
        command.Parameters.Add(new NpgsqlParameter { Value = contents.Select(c => c.Ref.ToString()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = contents.Select(c => c.Hash).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            existing[reader.GetString(0)] = new Existing(
                reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6));
        }

        return existing;
    }

    // The read model is written in the same transaction as the events, so it is the aggregate's current state; the
    // append still states the stream version, so a concurrent write fails instead of being overwritten.
    private sealed record Existing(Guid Uid, string Etag, string Hash, string RelationsDigest, long Version, string? Entity)
    {
        public CatalogEntity Aggregate(string entityRef) => new(
            Uid, entityRef, Etag, Hash, RelationsDigest, EntityContent.Of(JsonNode.Parse(Entity!)!.AsObject()).Json, Removed: false);
    }
}
