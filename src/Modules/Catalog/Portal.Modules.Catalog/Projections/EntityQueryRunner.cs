using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// A by-query page as served: entities stay stored text until written; other modules get them parsed.
internal sealed record ServedPage(IReadOnlyList<ServedEntity> Items, int TotalItems, string? NextCursor, string? PrevCursor)
{
    public EntityPage ToEntityPage() => new([.. Items.Select(e => e.ToJsonObject())], TotalItems, NextCursor, PrevCursor);
}

// Runs a by-query the way Backstage pages it (catalog-behaviour.md §4.3): a first request counts the total and remembers
// its first item; a cursor request takes query, order and total from the cursor and only limit and fields from the call.
internal sealed class EntityQueryRunner(EntityPages pages)
{
    public async Task<ServedPage> RunAsync(
        EntityQuery query, QueryCursor? cursor, FieldProjection? fields, int limit, int offset, bool countTotal, CancellationToken cancellationToken)
    {
        var effective = cursor?.Query ?? query;
        var backward = cursor?.IsPrevious ?? false;
        var rows = await pages.ReadAsync(
            new PageRequest(effective, cursor?.Position, backward, limit, cursor is null ? offset : 0, CountTotal: cursor is null && countTotal),
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
}
