using Npgsql;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// Where a page starts: after (or, going back, before) Boundary in the query's order, skipping Offset rows first. A total
// is counted when TotalAtVersion holds the read version seen before the page was asked for; a total already counted
// at that version is reused.
internal sealed record PageRequest(EntityQuery Query, SortPosition? Boundary, bool Backward, int Limit, int Offset, long? TotalAtVersion);

// The page's rows in the query's order with their entities (same index), whether more lie beyond it in the direction
// read, and the total when counted.
internal sealed record PageRows(IReadOnlyList<SortPosition> Rows, IReadOnlyList<ServedEntity> Entities, bool HasMore, int Total);

// Keyset pages of a by-query with their entities and its total, in one round trip: on two cores a round trip to
// PostgreSQL costs as much as the page itself. Sorting by a field walks the index of that key
// (key, value, uid) from the boundary; otherwise entities go by uid. The total is driven from one index range of the
// filter, so PostgreSQL intersects it with the other conditions by merge semi-joins in uid order; it is counted only
// when the catalog changed since the same query was last counted.
internal sealed class EntityPages(NpgsqlDataSource database, ReadVersionCache totals)
{
    public Task<long> ReadVersionAsync(CancellationToken cancellationToken) => ReadVersionCache.CurrentVersionAsync(database, cancellationToken);

    public async Task<PageRows> ReadAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var totalKey = QueryKey(request.Query);
        var cachedTotal = request.TotalAtVersion is { } version && totals.Latest<int>(totalKey) is { } hit && hit.Version == version ? hit.Value : (int?)null;
        var counting = request.TotalAtVersion is not null && cachedTotal is null;
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(PageCommand(request));
        if (counting)
        {
            batch.BatchCommands.Add(CountCommand(request.Query));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SortPosition>();
        var entities = new List<ServedEntity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SortPosition(reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetGuid(0)));
            entities.Add(EntityReader.Served(reader, 2));
        }

        var total = cachedTotal ?? 0;
        if (counting && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
        {
            total = (int)reader.GetInt64(1);
            totals.Keep(totalKey, reader.GetInt64(0), total, sizeof(int));
        }

        var hasMore = rows.Count > request.Limit;
        return new PageRows(InReadingOrder(rows, request), InReadingOrder(entities, request), hasMore, total);
    }

    // What a query's answer depends on besides sort direction, paging and the selected fields.
    public static string QueryKey(EntityQuery query) =>
        $"{query.Filter.ToJson().ToJsonString()}|{query.Order?.Field}|{query.FullText?.Term}|{string.Join(',', query.FullText?.Fields ?? [])}";

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
