using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class ScmUrlsTests
{
    private readonly ScmUrls _scm = new(["ghe.example.test"], ["git.example.test"]);

    [Theory]
    [InlineData("https://github.com/acme/svc/blob/main/catalog-info.yaml", "https://raw.githubusercontent.com/acme/svc/main/catalog-info.yaml")]
    [InlineData("https://github.com/acme/svc/tree/main/dir/catalog-info.yaml", "https://raw.githubusercontent.com/acme/svc/main/dir/catalog-info.yaml")]
    [InlineData("https://ghe.example.test/acme/svc/blob/v1/catalog-info.yaml", "https://ghe.example.test/acme/svc/raw/v1/catalog-info.yaml")]
    [InlineData("https://gitlab.com/acme/sub/svc/-/blob/main/catalog-info.yaml", "https://gitlab.com/acme/sub/svc/-/raw/main/catalog-info.yaml")]
    [InlineData("https://git.example.test/acme/svc/-/blob/main/a%20b.yaml?ref=x", "https://git.example.test/acme/svc/-/raw/main/a%20b.yaml?ref=x")]
    [InlineData("https://example.test/acme/svc/blob/main/catalog-info.yaml", "https://example.test/acme/svc/blob/main/catalog-info.yaml")]
    [InlineData("https://raw.githubusercontent.com/acme/svc/main/catalog-info.yaml", "https://raw.githubusercontent.com/acme/svc/main/catalog-info.yaml")]
    [InlineData("https://github.com/acme/svc", "https://github.com/acme/svc")]
    public void Blob_urls_are_read_in_their_raw_form(string url, string raw) =>
        Assert.Equal(raw, _scm.RawUrl(new Uri(url)).AbsoluteUri);

    [Theory]
    [InlineData("https://github.com/acme/svc/blob/main/dir/catalog-info.yaml",
        "https://github.com/acme/svc/edit/main/dir/catalog-info.yaml", "url:https://github.com/acme/svc/tree/main/dir/")]
    [InlineData("https://gitlab.com/acme/svc/-/blob/main/catalog-info.yaml",
        "https://gitlab.com/acme/svc/-/edit/main/catalog-info.yaml", "url:https://gitlab.com/acme/svc/-/blob/main/")]
    public void Scm_files_have_edit_and_source_locations(string url, string edit, string source)
    {
        Assert.Equal(edit, _scm.EditUrl(new Uri(url)));
        Assert.Equal(source, _scm.SourceLocation(new Uri(url)));
    }

    [Fact]
    public void Other_hosts_have_neither() =>
        Assert.Equal((null, null), (_scm.EditUrl(new Uri("http://127.0.0.1/a.yaml")), _scm.SourceLocation(new Uri("http://127.0.0.1/a.yaml"))));

    [Theory]
    [InlineData("./b.yaml", "http://host/cat/a.yaml", "http://host/cat/b.yaml")]
    [InlineData("../b.yaml", "http://host/cat/a.yaml", "http://host/b.yaml")]
    [InlineData("/b.yaml", "http://host/cat/a.yaml", "http://host/b.yaml")]
    [InlineData("http://other/x.yaml", "http://host/cat/a.yaml", "http://other/x.yaml")]
    [InlineData("sub/b.yaml", "https://github.com/acme/svc/blob/main/cat/a.yaml", "https://github.com/acme/svc/tree/main/cat/sub/b.yaml")]
    [InlineData("/b.yaml", "https://github.com/acme/svc/blob/main/cat/a.yaml", "https://github.com/acme/svc/tree/main/b.yaml")]
    [InlineData("https://github.com/acme/lib/blob/main/c.yaml", "https://github.com/acme/svc/blob/main/a.yaml", "https://github.com/acme/lib/tree/main/c.yaml")]
    [InlineData("/b.yaml", "https://gitlab.com/acme/svc/-/blob/main/cat/a.yaml?ref=x", "https://gitlab.com/acme/svc/-/blob/main/b.yaml?ref=x")]
    public void Nested_targets_resolve_against_the_file_they_are_in(string target, string baseUrl, string resolved) =>
        Assert.Equal(resolved, _scm.Resolve(target, new Uri(baseUrl)).AbsoluteUri);
}
