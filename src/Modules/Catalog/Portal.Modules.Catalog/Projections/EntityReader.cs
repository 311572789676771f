using System.Text.Json.Nodes;
using Npgsql;

namespace Portal.Modules.Catalog.Projections;

// The one way queries load final entities: the stored entity text plus its relations, read in a single statement.
// Results come in the order asked, duplicates repeated, null where nothing matched.
internal sealed class EntityReader(NpgsqlDataSource database)
{
    // Relations are the rows naming the entity as source, whoever originated them, de-duplicated and sorted as Backstage;
    // relations_source returns them in that order from an index-only scan. Types and targets come as two parallel arrays
    // so nothing per relation is built in SQL or parsed again here.
    private const string Select = """
        select e.uid, e.entity_ref, e.entity::text, r.types, r.targets
        from catalog.entities e
        cross join lateral (
            select array_agg(d.type order by d.type, d.target_ref) types, array_agg(d.target_ref order by d.type, d.target_ref) targets
            from (select distinct type, target_ref from catalog.relations where source_ref = e.entity_ref) d) r
        """;

    public async Task<IReadOnlyList<JsonObject?>> ByUidsAsync(IReadOnlyList<Guid> uids, CancellationToken cancellationToken) =>
        [.. (await ServedByUidsAsync(uids, cancellationToken)).Select(e => e?.ToJsonObject())];

    public async Task<IReadOnlyList<JsonObject?>> ByRefsAsync(IReadOnlyList<string> refs, CancellationToken cancellationToken) =>
        [.. (await ServedByRefsAsync(refs, cancellationToken)).Select(e => e?.ToJsonObject())];

    public async Task<IReadOnlyList<ServedEntity?>> ServedByUidsAsync(IReadOnlyList<Guid> uids, CancellationToken cancellationToken)
    {
        var found = await LoadAsync("where e.uid = any($1)", uids.Distinct().ToArray(), (uid, _) => uid, cancellationToken);
        return [.. uids.Select(found.GetValueOrDefault)];
    }

    // Refs match exactly, against the lower-case kind:namespace/name: nothing is parsed or defaulted.
    public async Task<IReadOnlyList<ServedEntity?>> ServedByRefsAsync(IReadOnlyList<string> refs, CancellationToken cancellationToken)
    {
        var found = await LoadAsync("where e.entity_ref = any($1)", refs.Distinct(StringComparer.Ordinal).ToArray(), (_, entityRef) => entityRef, cancellationToken);
        return [.. refs.Select(found.GetValueOrDefault)];
    }

    private async Task<Dictionary<TKey, ServedEntity>> LoadAsync<TKey>(
        string where, TKey[] keys, Func<Guid, string, TKey> keyOf, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var found = new Dictionary<TKey, ServedEntity>(keys.Length);
        await using var command = database.CreateCommand($"{Select} {where}");
        command.Parameters.Add(new NpgsqlParameter { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var relations = reader.IsDBNull(3) ? [] : reader.GetFieldValue<string[]>(3);
            found[keyOf(reader.GetGuid(0), reader.GetString(1))] = new ServedEntity(
                reader.GetString(2), relations, relations.Length == 0 ? [] : reader.GetFieldValue<string[]>(4));
        }

        return found;
    }
}
