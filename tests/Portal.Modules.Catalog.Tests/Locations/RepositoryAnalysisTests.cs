using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class RepositoryAnalysisTests
{
    [Fact]
    public void Proposes_a_component_named_after_the_repository_as_Backstage_does() =>
        // backstage-responses/post-analyze-location.http
        Assert.Equal(
            """{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"new-svc"},"spec":{"type":"other","lifecycle":"unknown"}}""",
            RepositoryAnalysis.Component(new Uri("http://127.0.0.1/acme/new-svc/blob/main/catalog-info.yaml")).ToJsonString());

    [Theory]
    [InlineData("https://github.com/acme/widgets/blob/main/catalog-info.yaml", "widgets", "github.com/project-slug", "acme/widgets")]
    [InlineData("https://gitlab.com/acme/platform/widgets/-/blob/main/catalog-info.yaml", "widgets", "gitlab.com/project-slug", "acme/platform/widgets")]
    public void Known_hosts_add_the_project_slug(string url, string name, string annotation, string slug)
    {
        var metadata = RepositoryAnalysis.Component(new Uri(url))["metadata"]!;

        Assert.Equal((name, slug), (metadata["name"]!.GetValue<string>(), metadata["annotations"]![annotation]!.GetValue<string>()));
    }
}
