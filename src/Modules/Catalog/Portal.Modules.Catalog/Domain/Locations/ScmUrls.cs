namespace Portal.Modules.Catalog.Domain.Locations;

// What Backstage's SCM integrations know about GitHub and GitLab file URLs: the raw form to fetch, the edit and source
// URLs it annotates entities with, and how a nested Location's relative target resolves. Other hosts are plain URLs.
internal sealed class ScmUrls(IEnumerable<string> gitHubHosts, IEnumerable<string> gitLabHosts)
{
    private const string GitHubCom = "github.com";

    private readonly HashSet<string> _gitHub = new([GitHubCom, .. gitHubHosts], StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _gitLab = new(["gitlab.com", .. gitLabHosts], StringComparer.OrdinalIgnoreCase);

    // The URL to download: GitHub /owner/repo/{blob|tree}/ref/path and GitLab /group/project/-/{blob|tree}/ref/path become raw.
    public Uri RawUrl(Uri url)
    {
        if (Parse(url) is not { } file)
        {
            return url;
        }

        if (file.Host == Scm.GitHub && url.IdnHost.Equals(GitHubCom, StringComparison.OrdinalIgnoreCase))
        {
            return new Uri($"{url.Scheme}://raw.githubusercontent.com{file.Repository}/{file.Rest}{url.Query}");
        }

        return file.WithType("raw");
    }

    public string? EditUrl(Uri url) => Parse(url)?.WithType("edit").ToString();

    // "url:<folder of the file>/", GitHub's as a tree URL: Backstage's backstage.io/source-location.
    public string? SourceLocation(Uri url) => Parse(url) is null ? null : $"{LocationKey.Url}:{Resolve("./", url)}";

    // A nested Location's target against the URL of the file it was read from. On an SCM host a leading "/" means the
    // repository root, the query of the base (e.g. a GitLab ?ref=) is kept, and GitHub file URLs are written as tree URLs.
    public Uri Resolve(string target, Uri baseUrl)
    {
        if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return Parse(baseUrl)?.Host == Scm.GitHub && Parse(absolute) is { Host: Scm.GitHub } file ? file.WithType("tree") : absolute;
        }

        if (Parse(baseUrl) is not { } baseFile)
        {
            return new Uri(baseUrl, target);
        }

        var relative = new Uri(baseUrl, target.StartsWith('/') ? baseFile.RootPath + target : target);
        var resolved = new Uri(relative.GetLeftPart(UriPartial.Path) + baseUrl.Query);
        return baseFile.Host == Scm.GitHub && Parse(resolved) is { } github ? github.WithType("tree") : resolved;
    }

    private ScmFile? Parse(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (_gitHub.Contains(url.IdnHost))
        {
            // owner / repo / type / ref / path...
            return segments.Length >= 4 && IsFileType(segments[2]) ? new ScmFile(url, Scm.GitHub, 2, segments) : null;
        }

        // group[/subgroup...] / project / - / type / ref / path...
        var dash = Array.IndexOf(segments, "-");
        return _gitLab.Contains(url.IdnHost) && dash >= 2 && segments.Length >= dash + 3 && IsFileType(segments[dash + 1])
            ? new ScmFile(url, Scm.GitLab, dash + 1, segments)
            : null;
    }

    private static bool IsFileType(string segment) => segment is "blob" or "tree" or "edit" or "raw";

    private enum Scm
    {
        GitHub,
        GitLab,
    }

    // A file URL split at its type segment ("blob"): what comes before names the repository, after it the ref and path.
    private sealed record ScmFile(Uri Url, Scm Host, int TypeIndex, string[] Segments)
    {
        public string Repository => "/" + string.Join('/', Host == Scm.GitHub ? Segments[..2] : Segments[..(TypeIndex - 1)]);

        public string Rest => string.Join('/', Segments[(TypeIndex + 1)..]) + (Url.AbsolutePath.EndsWith('/') ? "/" : "");

        // The repository root at the file's ref, which a target starting with "/" is relative to.
        public string RootPath => "/" + string.Join('/', Segments[..(TypeIndex + 2)]);

        public Uri WithType(string type)
        {
            var segments = (string[])Segments.Clone();
            segments[TypeIndex] = type;
            var path = "/" + string.Join('/', segments) + (Url.AbsolutePath.EndsWith('/') ? "/" : "");
            return new Uri($"{Url.Scheme}://{Url.Authority}{path}{Url.Query}");
        }
    }
}
