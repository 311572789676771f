using System.Data.Common;
using System.Text.Json.Nodes;
using Npgsql;

namespace Portal.Modules.Catalog.Projections;

// The one way queries load final entities: the stored entity text plus its relations, read in a single statement.
// Results come in the order asked, duplicates repeated, null where nothing matched.
internal sealed class EntityReader(NpgsqlDataSource database)
{
    // The served columns of an entity row `e`, read back by Served: its text and its relations, stitched or, where a
    // write has changed them since (CatalogReadModel.StitchedRelationsDdl), aggregated from catalog.relations now.
    public const string ServedColumns = "e.entity::text, coalesce(e.relations, catalog.relations_json(e.entity_ref))";

    private const string Select = $"select e.uid, e.entity_ref, {ServedColumns} from catalog.entities e";

    // The entity in the ServedColumns starting at column `first` of the current row.
    public static ServedEntity Served(DbDataReader reader, int first) => new(reader.GetString(first), reader.GetString(first + 1));

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
            found[keyOf(reader.GetGuid(0), reader.GetString(1))] = Served(reader, 2);
        }

        return found;
    }
}
