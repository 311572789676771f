namespace Portal.Modules.Catalog.Infrastructure.Locations;

// How locations are read, bound from Catalog:Locations.
internal sealed class LocationOptions
{
    public const string Section = "Catalog:Locations";

    // Larger files are refused before they are parsed.
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    public int MaxDocumentsPerFile { get; set; } = 5_000;

    // Nodes that YAML aliases may add to one document by being copied.
    public int MaxAliasNodes { get; set; } = 10_000;

    // Nesting of YAML collections; the event store parses stored JSON with System.Text.Json's default depth of 64.
    public int MaxYamlDepth { get; set; } = 50;

    // Levels of Location entities below the registered location.
    public int MaxNestingDepth { get; set; } = 10;

    // Per file or URL, so one slow source cannot hold up the others.
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxConcurrentReads { get; set; } = 8;

    // Directories file locations may read from (symbolic links resolved). None: file locations are not allowed, since
    // anyone who may register a location could otherwise make the server read any file it can.
    public List<string> FileRoots { get; } = [];

    // Hosts besides github.com and gitlab.com that run GitHub Enterprise or GitLab.
    public List<string> GitHubHosts { get; } = [];

    public List<string> GitLabHosts { get; } = [];
}
