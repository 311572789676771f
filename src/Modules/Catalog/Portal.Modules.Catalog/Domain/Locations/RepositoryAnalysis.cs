using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Locations;

// What analyze-location proposes for a repository URL when no SCM analyzer is installed (catalog-behaviour.md §12.3):
// a Component named after the repository, with a project slug annotation on the hosts Backstage knows.
internal static class RepositoryAnalysis
{
    private static readonly string[] SlugHosts = ["github.com", "gitlab.com", "bitbucket.org", "dev.azure.com"];

    public static JsonObject Component(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

        // GitLab puts "-" after group/subgroups/project; elsewhere the repository is owner/name.
        var dash = Array.IndexOf(segments, "-");
        var repository = dash >= 2 ? segments[..dash] : segments.Take(2).ToArray();
        var metadata = new JsonObject { ["name"] = repository.LastOrDefault() ?? url.IdnHost };
        var host = SlugHosts.FirstOrDefault(h => h.Equals(url.IdnHost, StringComparison.OrdinalIgnoreCase));
        if (host is not null && repository.Length >= 2)
        {
            metadata["annotations"] = new JsonObject { [$"{host}/project-slug"] = string.Join('/', repository) };
        }

        return new JsonObject
        {
            ["apiVersion"] = "backstage.io/v1alpha1",
            ["kind"] = "Component",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["type"] = "other", ["lifecycle"] = "unknown" },
        };
    }
}
