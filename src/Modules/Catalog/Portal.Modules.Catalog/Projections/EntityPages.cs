using Npgsql;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// Where a page starts: after (or, going back, before) Boundary in the query's order, skipping Offset rows first.
internal sealed record PageRequest(EntityQuery Query, SortPosition? Boundary, bool Backward, int Limit, int Offset, bool CountTotal);

// The page's rows in the query's order with their entities (same index), whether more lie beyond it in the direction
// read, and the total when counted.
internal sealed record PageRows(IReadOnlyList<SortPosition> Rows, IReadOnlyList<ServedEntity> Entities, bool HasMore, int Total);

// Keyset pages of a by-query with their entities and its total, in one round trip: on two cores a round trip to
// PostgreSQL costs as much as the page itself. Sorting by a field walks the index of that key
// (key, value, uid) from the boundary; otherwise entities go by uid. The total is driven from one index range of the
// filter, so PostgreSQL intersects it with the other conditions by merge semi-joins in uid order; it is counted only
// when the catalog changed since the same query was last counted (then in a second round trip, after a version read).
internal sealed class EntityPages(NpgsqlDataSource database, ReadVersionCache totals)
{
    public async Task<PageRows> ReadAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var totalKey = TotalKey(request.Query);
        var cached = request.CountTotal ? totals.Latest<int>(totalKey) : null;
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(PageCommand(request));
        if (request.CountTotal)
        {
            // Planning the count costs several times the version read, so it is only sent when the version moved.
            batch.BatchCommands.Add(cached is null ? CountCommand(request.Query) : new NpgsqlBatchCommand(ReadVersionCache.VersionSql));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SortPosition>();
        var entities = new List<ServedEntity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SortPosition(reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetGuid(0)));
            entities.Add(EntityReader.Served(reader, 2));
        }

        var total = 0;
        if (request.CountTotal && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
        {
            total = cached is { } hit && reader.GetInt64(0) == hit.Version ? hit.Value : await CountAsync(request.Query, totalKey, reader, cancellationToken);
        }

        var hasMore = rows.Count > request.Limit;
        return new PageRows(InReadingOrder(rows, request), InReadingOrder(entities, request), hasMore, total);
    }

    private async Task<int> CountAsync(EntityQuery query, string totalKey, NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        long version;
        int total;
        if (reader.FieldCount == 2)
        {
            (version, total) = (reader.GetInt64(0), (int)reader.GetInt64(1));
        }
        else
        {
            await using var batch = database.CreateBatch();
            batch.BatchCommands.Add(CountCommand(query));
            await using var counted = await batch.ExecuteReaderAsync(cancellationToken);
            await counted.ReadAsync(cancellationToken);
            (version, total) = (counted.GetInt64(0), (int)counted.GetInt64(1));
        }

        totals.Keep(totalKey, version, total);
        return total;
    }

    private static List<T> InReadingOrder<T>(List<T> rows, PageRequest request)
    {
        var page = rows.Take(request.Limit);
        return (request.Backward ? page.Reverse() : page).ToList();
    }

    private static NpgsqlBatchCommand PageCommand(PageRequest request)
    {
        var sql = new EntitySql();
        var descending = (request.Query.Order?.Descending ?? false) != request.Backward;
        var direction = descending ? "desc" : "asc";
        var after = descending ? "<" : ">";
        string text;
        var order = $"p.uid {direction}";
        if (request.Query.Order is { } sort)
        {
            var boundary = request.Boundary is { } b ? $" and (o.value, o.uid) {after} ({sql.Value(b.Value ?? "")}, {sql.Value(b.Uid)})" : "";
            text = $"select o.uid, o.value from catalog.search o where o.key = {sql.Value(sort.Field)} and o.value is not null "
                + $"and {sql.Where(request.Query, "o.uid", sortFieldIsDriver: true)}{boundary} order by o.value {direction}, o.uid {direction}";
            order = $"p.value {direction}, {order}";
        }
        else if (Driver(request.Query) is { } driver)
        {
            // Walking the driver's (key, value, uid) range in uid order keeps the plan a merge whatever the statistics say.
            var boundary = request.Boundary is { } b ? $" and d.uid {after} {sql.Value(b.Uid)}" : "";
            text = $"select distinct d.uid, null::text from catalog.search d where d.key = {sql.Value(driver.Key)} and d.value = {sql.Value(driver.Values[0])} "
                + $"and {sql.Where(Without(request.Query, driver), "d.uid")}{boundary} order by d.uid {direction}";
        }
        else
        {
            var boundary = request.Boundary is { } b ? $" and e.uid {after} {sql.Value(b.Uid)}" : "";
            text = $"select e.uid, null::text from catalog.entities e where {sql.Where(request.Query, "e.uid")}{boundary} order by e.uid {direction}";
        }

        return sql.Command(
            $"with page (uid, value) as ({text} limit {sql.Value(request.Limit + 1)} offset {sql.Value(request.Offset)}) "
            + $"select p.uid, p.value, {EntityReader.ServedColumns} from page p join catalog.entities e on e.uid = p.uid "
            + $"order by {order}");
    }

    // The total does not depend on the sort direction.
    private static string TotalKey(EntityQuery query) =>
        $"{query.Filter.ToJson().ToJsonString()}|{query.Order?.Field}|{query.FullText?.Term}|{string.Join(',', query.FullText?.Fields ?? [])}";

    // The read version and the total in one snapshot. Distinct entities, counted from the first plain equality of the
    // filter (or the sort key) when there is one.
    private static NpgsqlBatchCommand CountCommand(EntityQuery query)
    {
        var sql = new EntitySql();
        return sql.Command($"select v.version, ({Count(sql, query)}) from catalog.read_version v where v.id = 1");
    }

    private static string Count(EntitySql sql, EntityQuery query)
    {
        string text;
        if (Driver(query) is { } driver)
        {
            text = $"select d.uid from catalog.search d where d.key = {sql.Value(driver.Key)} and d.value = {sql.Value(driver.Values[0])} and {sql.Where(Without(query, driver), "d.uid")}";
        }
        else if (query.Order is { } order)
        {
            text = $"select d.uid from catalog.search d where d.key = {sql.Value(order.Field)} and d.value is not null and {sql.Where(query, "d.uid", sortFieldIsDriver: true)}";
        }
        else
        {
            return $"select count(*) from catalog.entities e where {sql.Where(query, "e.uid")}";
        }

        return $"select count(*) from (select distinct x.uid from ({text}) x) counted";
    }

    // The first plain equality the filter requires, whose index range holds every match in uid order.
    private static FieldIn? Driver(EntityQuery query) =>
        Conjuncts(query).OfType<FieldIn>().FirstOrDefault(f => f.Values.Count == 1 && !EntitySql.IsRelation(f.Key));

    private static EntityQuery Without(EntityQuery query, FieldIn driver) =>
        query with { Filter = new AllOf(Conjuncts(query).Where(c => !ReferenceEquals(c, driver)).ToList()) };

    private static IReadOnlyList<EntityPredicate> Conjuncts(EntityQuery query) => query.Filter is AllOf all ? all.Items : [query.Filter];
}
