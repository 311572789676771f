namespace Portal.Modules.Catalog.Domain.Queries;

// What a by-query request selects and how it sorts: everything a cursor has to carry to the next page.
internal sealed record EntityQuery(EntityPredicate Filter, SortOrder? Order, FullTextFilter? FullText)
{
    public static readonly EntityQuery Everything = new(EntityPredicate.Everything, null, null);
}

// A case-insensitive substring test on some index keys (catalog-behaviour.md §4.2). Without explicit fields it searches
// the sort field, and without one only metadata.uid, as Backstage does.
internal sealed record FullTextFilter(string Term, IReadOnlyList<string> Fields)
{
    public static FullTextFilter? Create(string? term, IEnumerable<string>? fields, SortOrder? order)
    {
        var trimmed = term?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var explicitFields = (fields ?? []).SelectMany(f => f.Split(',')).Select(f => f.Trim().ToLowerInvariant()).Where(f => f.Length > 0).Distinct().ToList();
        return new FullTextFilter(trimmed, explicitFields.Count > 0 ? explicitFields : [order?.Field ?? "metadata.uid"]);
    }

    public bool Equals(FullTextFilter? other) => other is not null && Term == other.Term && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => Term.GetHashCode(StringComparison.Ordinal);
}
