namespace Portal.Modules.Catalog.Projections;

// How RelationStitcher waits, bound from Catalog:Stitching.
internal sealed class RelationStitchingOptions
{
    public const string Section = "Catalog:Stitching";

    // A catalog that is never quiet is stitched, and its changed relations recorded, at least this often, so entity
    // histories and etags never lag by more. Longer than a bulk load of 100,000 entities, which it would slow down.
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}
