namespace Portal.Modules.Catalog.Infrastructure.Locations;

// How registered locations are processed, bound from the Catalog section.
internal sealed class CatalogProcessingOptions
{
    public const string Section = "Catalog";

    // Each location is read again this long after its last processing (Backstage: 100 to 150 s).
    public int ProcessingIntervalSeconds { get; set; } = 100;

    // "delete" removes entities their location no longer provides; "keep" leaves them with backstage.io/orphan: "true".
    public string OrphanStrategy { get; set; } = "delete";

    // Locations processed at the same time, so one slow location does not hold up the rest.
    public int MaxConcurrentLocations { get; set; } = 4;

    // How often the agent looks for due locations when nothing wakes it.
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Interval => TimeSpan.FromSeconds(ProcessingIntervalSeconds);

    public bool KeepOrphans => OrphanStrategy.Equals("keep", StringComparison.OrdinalIgnoreCase);
}
