namespace Portal.Modules.Catalog.Projections;

// How much memory the catalog's read cache may hold, bound from Catalog:QueryCache.
internal sealed class QueryCacheOptions
{
    public const string Section = "Catalog:QueryCache";

    // By-query pages, totals and facet counts kept for reuse, by the size of their text; 0 keeps none.
    public int Megabytes { get; set; } = 32;
}
