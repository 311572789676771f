using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// A by-query page as served: entities stay stored text until written; other modules get them parsed.
internal sealed record ServedPage(IReadOnlyList<ServedEntity> Items, int TotalItems, string? NextCursor, string? PrevCursor)
{
    // Held in memory for reuse: the entities' text as UTF-16 plus the objects around it.
    public long Bytes => (2L * ((NextCursor?.Length ?? 0) + (PrevCursor?.Length ?? 0))) + Items.Sum(e => 64 + (2L * e.TextLength));

    public EntityPage ToEntityPage() => new([.. Items.Select(e => e.ToJsonObject())], TotalItems, NextCursor, PrevCursor);
}

// Runs a by-query the way Backstage pages it (catalog-behaviour.md §4.3): a first request counts the total and remembers
// its first item; a cursor request takes query, order and total from the cursor and only limit and fields from the call.
// The same pages are asked for far more often than the catalog changes (each visit of a catalog page, each poll), so a
// page is kept with the read version seen before it was read and served again while that is still the version: an
// answer is never older than the last committed write, whichever host wrote it.
internal sealed class EntityQueryRunner(EntityPages pages, ReadVersionCache cache)
{
    public async Task<ServedPage> RunAsync(
        EntityQuery query, QueryCursor? cursor, FieldProjection? fields, int limit, int offset, bool countTotal, CancellationToken cancellationToken)
    {
        var version = await pages.ReadVersionAsync(cancellationToken);
        var key = PageKey(query, cursor, fields, limit, offset, countTotal);
        if (cache.Latest<ServedPage>(key) is { } kept && kept.Version == version)
        {
            return kept.Value;
        }

        var page = await ReadAsync(query, cursor, fields, limit, offset, countTotal ? version : null, cancellationToken);
        cache.Keep(key, version, page, page.Bytes);
        return page;
    }

    private async Task<ServedPage> ReadAsync(
        EntityQuery query, QueryCursor? cursor, FieldProjection? fields, int limit, int offset, long? totalAtVersion, CancellationToken cancellationToken)
    {
        var effective = cursor?.Query ?? query;
        var backward = cursor?.IsPrevious ?? false;
        var rows = await pages.ReadAsync(
            new PageRequest(effective, cursor?.Position, backward, limit, cursor is null ? offset : 0, cursor is null ? totalAtVersion : null),
            cancellationToken);
        var total = cursor?.TotalItems ?? rows.Total;
        string? next = null;
        string? previous = null;
        if (rows.Rows.Count > 0)
        {
            var first = cursor?.First ?? rows.Rows[0];
            if (backward || rows.HasMore)
            {
                next = new QueryCursor(effective, IsPrevious: false, rows.Rows[^1], first, total).Encode();
            }

            if (cursor is not null && rows.Rows[0] != first)
            {
                previous = new QueryCursor(effective, IsPrevious: true, rows.Rows[0], first, total).Encode();
            }
        }

        return new ServedPage([.. rows.Entities.Select(e => e.WithFields(fields))], total, next, previous);
    }

    // Everything the answer depends on besides the catalog itself; a cursor carries its query, position and total.
    private static string PageKey(EntityQuery query, QueryCursor? cursor, FieldProjection? fields, int limit, int offset, bool countTotal) =>
        cursor is null
            ? $"page|{EntityPages.QueryKey(query)}|{query.Order?.Descending}|{limit}|{offset}|{countTotal}|{string.Join(',', fields?.Fields ?? [])}"
            : $"cursor|{cursor.Encode()}|{limit}|{string.Join(',', fields?.Fields ?? [])}";
}
