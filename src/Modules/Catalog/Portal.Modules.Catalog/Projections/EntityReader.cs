using System.Text.Json.Nodes;
using Npgsql;

namespace Portal.Modules.Catalog.Projections;

// The one way queries load final entities: the stored entity plus its relations, read in a single statement. Results
// come in the order asked, duplicates repeated as separate objects, null where nothing matched.
internal sealed class EntityReader(NpgsqlDataSource database)
{
    // Relations are the rows naming the entity as source, whoever originated them, de-duplicated and sorted as Backstage.
    private const string Select = """
        select e.uid, e.entity_ref, e.entity::text, coalesce((
            select json_agg(json_build_object('type', r.type, 'targetRef', r.target_ref) order by r.type collate "C", r.target_ref collate "C")
            from (select distinct type, target_ref from catalog.relations where source_ref = e.entity_ref) r), '[]')::text
        from catalog.entities e
        """;

    public async Task<IReadOnlyList<JsonObject?>> ByUidsAsync(IReadOnlyList<Guid> uids, CancellationToken cancellationToken)
    {
        var found = (await LoadAsync("where e.uid = any($1)", uids.Distinct().ToArray(), cancellationToken)).ToDictionary(e => e.Uid);
        return uids.Select(uid => Final(found.GetValueOrDefault(uid))).ToList();
    }

    // Refs match exactly, against the lower-case kind:namespace/name: nothing is parsed or defaulted.
    public async Task<IReadOnlyList<JsonObject?>> ByRefsAsync(IReadOnlyList<string> refs, CancellationToken cancellationToken)
    {
        var found = (await LoadAsync("where e.entity_ref = any($1)", refs.Distinct().ToArray(), cancellationToken))
            .ToDictionary(e => e.Ref, StringComparer.Ordinal);
        return refs.Select(entityRef => Final(found.GetValueOrDefault(entityRef))).ToList();
    }

    private async Task<List<Stored>> LoadAsync(string where, object keys, CancellationToken cancellationToken)
    {
        var found = new List<Stored>();
        await using var command = database.CreateCommand($"{Select} {where}");
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Stored(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return found;
    }

    private static JsonObject? Final(Stored? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var entity = JsonNode.Parse(stored.Entity)!.AsObject();
        entity["relations"] = JsonNode.Parse(stored.Relations);
        return entity;
    }

    private sealed record Stored(Guid Uid, string Ref, string Entity, string Relations);
}
