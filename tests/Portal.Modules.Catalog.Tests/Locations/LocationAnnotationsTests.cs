using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Tests.Domain;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class LocationAnnotationsTests
{
    private static readonly ScmUrls Scm = new([], []);

    [Fact]
    public void A_registered_location_becomes_the_Location_entity_Backstage_generates()
    {
        var entity = LocationAnnotations.GeneratedLocation(new LocationKey("file", "/tmp/peer-sample/catalog-info.yaml"), presence: null, Scm);

        // the generated entity of backstage-responses/post-locations-dryrun-existing.http
        var expected = Entities.Parse("""
            {"metadata":{"annotations":{"backstage.io/managed-by-location":"file:/tmp/peer-sample/catalog-info.yaml",
              "backstage.io/managed-by-origin-location":"file:/tmp/peer-sample/catalog-info.yaml"},
              "name":"generated-bccc43b1a4a3e46d8031c4f094ebca7f200d3709","namespace":"default"},
             "apiVersion":"backstage.io/v1alpha1","kind":"Location","spec":{"type":"file","target":"/tmp/peer-sample/catalog-info.yaml"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, entity), entity.ToJsonString());
    }

    [Fact]
    public void Presence_is_kept_in_the_spec() =>
        Assert.Equal("optional", LocationAnnotations.GeneratedLocation(new LocationKey("url", "http://h/a.yaml"), "optional", Scm)["spec"]!["presence"]!.GetValue<string>());

    [Fact]
    public void Url_locations_add_view_edit_and_source_urls_before_the_entity_s_own_annotations()
    {
        var entity = Entities.Component().With("metadata.annotations", """{"team":"a"}""");

        LocationAnnotations.Annotate(entity, new LocationKey("url", "https://github.com/acme/svc/blob/main/catalog-info.yaml"), new LocationKey("url", "https://o/r.yaml"), Scm);

        Assert.Equal(
            """{"backstage.io/managed-by-location":"url:https://github.com/acme/svc/blob/main/catalog-info.yaml","backstage.io/managed-by-origin-location":"url:https://o/r.yaml","backstage.io/view-url":"https://github.com/acme/svc/blob/main/catalog-info.yaml","backstage.io/edit-url":"https://github.com/acme/svc/edit/main/catalog-info.yaml","backstage.io/source-location":"url:https://github.com/acme/svc/tree/main/","team":"a"}""",
            entity["metadata"]!["annotations"]!.ToJsonString());
    }

    [Fact]
    public void Annotations_the_entity_sets_itself_win()
    {
        var entity = Entities.Component().With("metadata.annotations", """{"backstage.io/source-location":"url:https://elsewhere/"}""");

        LocationAnnotations.Annotate(entity, new LocationKey("url", "https://github.com/acme/svc/blob/main/a.yaml"), new LocationKey("url", "https://o/r.yaml"), Scm);

        Assert.Equal("url:https://elsewhere/", entity["metadata"]!["annotations"]!["backstage.io/source-location"]!.GetValue<string>());
    }

    [Fact]
    public void File_and_plain_url_locations_get_only_what_applies()
    {
        var fromFile = LocationAnnotations.Annotate(Entities.Component(), new LocationKey("file", "/a.yaml"), new LocationKey("file", "/a.yaml"), Scm);
        var fromUrl = LocationAnnotations.Annotate(Entities.Component(), new LocationKey("url", "http://127.0.0.1/a.yaml"), new LocationKey("url", "http://127.0.0.1/a.yaml"), Scm);

        Assert.Equal(2, fromFile["metadata"]!["annotations"]!.AsObject().Count);
        Assert.Equal(
            ["backstage.io/managed-by-location", "backstage.io/managed-by-origin-location", "backstage.io/view-url"],
            fromUrl["metadata"]!["annotations"]!.AsObject().Select(a => a.Key));
    }

    [Fact]
    public void A_malformed_entity_is_left_for_the_validator()
    {
        var entity = Entities.Component().With("metadata.annotations", "[1]");

        Assert.Equal("[1]", LocationAnnotations.Annotate(entity, new LocationKey("file", "/a"), new LocationKey("file", "/a"), Scm)["metadata"]!["annotations"]!.ToJsonString());
    }
}
