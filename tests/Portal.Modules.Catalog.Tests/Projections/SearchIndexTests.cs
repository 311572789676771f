using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Projections;

public sealed class SearchIndexTests
{
    private static IReadOnlyList<SearchRow> Rows(string json) => SearchIndex.Rows(JsonNode.Parse(json)!.AsObject());

    // The values of one key in index order, null shown as <null>.
    private static string ValuesOf(IReadOnlyList<SearchRow> rows, string key) =>
        string.Join(" | ", rows.Where(r => r.Key == key).Select(r => r.Value ?? "<null>"));

    [Fact]
    public void Leaves_become_lower_cased_dot_path_rows_keeping_the_original_value()
    {
        var rows = Rows("""{"kind":"Component","metadata":{"name":"Svc-A","namespace":"default","uid":"u1"},"spec":{"Type":"Service","owner":"team-a"}}""");

        Assert.Contains(new SearchRow("kind", "component", "Component"), rows);
        Assert.Contains(new SearchRow("metadata.name", "svc-a", "Svc-A"), rows);
        Assert.Contains(new SearchRow("metadata.namespace", "default", "default"), rows);
        Assert.Contains(new SearchRow("metadata.uid", "u1", "u1"), rows);
        Assert.Contains(new SearchRow("spec.type", "service", "Service"), rows);
        Assert.Contains(new SearchRow("spec.owner", "team-a", "team-a"), rows);
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public void Array_items_share_the_path_and_string_items_mark_themselves_present()
    {
        var rows = Rows("""{"metadata":{"name":"a","namespace":"default","tags":["java","Go"],"links":[{"url":"https://x"},{"url":"https://y"}]}}""");

        Assert.Equal("java | go", ValuesOf(rows, "metadata.tags"));
        Assert.Equal("true", ValuesOf(rows, "metadata.tags.java"));
        Assert.Equal("true", ValuesOf(rows, "metadata.tags.go"));
        Assert.Equal("https://x | https://y", ValuesOf(rows, "metadata.links.url"));
    }

    [Fact]
    public void Scalars_are_stringified_as_JavaScript_does_and_null_is_a_row_without_value()
    {
        var rows = Rows("""{"metadata":{"name":"a","namespace":"default"},"spec":{"replicas":3.0,"ratio":1.5,"public":true,"off":false,"gone":null}}""");

        Assert.Equal("3", ValuesOf(rows, "spec.replicas"));
        Assert.Equal("1.5", ValuesOf(rows, "spec.ratio"));
        Assert.Equal("true", ValuesOf(rows, "spec.public"));
        Assert.Equal("false", ValuesOf(rows, "spec.off"));
        Assert.Equal("<null>", ValuesOf(rows, "spec.gone"));
    }

    [Fact]
    public void Objects_relations_status_attachments_and_etag_produce_no_rows()
    {
        var rows = Rows("""
            {"metadata":{"name":"a","namespace":"default","etag":"e1","annotations":{}},"spec":{},"status":{"items":[{"level":"error"}]},
             "attachments":[{"x":"y"}],"relations":[{"type":"ownedBy","targetRef":"group:default/x"}]}
            """);

        Assert.Equal(["metadata.name", "metadata.namespace", "metadata.uid"], rows.Select(r => r.Key));
    }

    [Fact]
    public void Dotted_annotation_keys_join_the_path_as_they_are()
    {
        var rows = Rows("""{"metadata":{"name":"a","namespace":"default","annotations":{"backstage.io/Managed-By-Location":"url:https://X"}}}""");

        Assert.Contains(new SearchRow("metadata.annotations.backstage.io/managed-by-location", "url:https://x", "url:https://X"), rows);
    }

    [Fact]
    public void A_missing_namespace_is_indexed_as_default()
    {
        var rows = Rows("""{"metadata":{"name":"a"}}""");

        Assert.Equal("<null> | default", ValuesOf(rows, "metadata.namespace"));
    }

    [Fact]
    public void Values_over_200_characters_are_indexed_without_value_and_keys_over_200_not_at_all()
    {
        var rows = Rows($$$"""{"metadata":{"name":"a","namespace":"default","description":"{{{new string('d', 201)}}}"},"spec":{"{{{new string('k', 200)}}}":"v"}}""");

        Assert.Equal("<null>", ValuesOf(rows, "metadata.description"));
        Assert.DoesNotContain(rows, r => r.Key.StartsWith("spec.", StringComparison.Ordinal));
        Assert.Equal("x", ValuesOf(Rows($$$"""{"spec":{"{{{new string('k', 195)}}}":"x"}}"""), $"spec.{new string('k', 195)}"));
    }

    [Fact]
    public void Repeated_rows_are_collapsed()
    {
        var rows = Rows("""{"metadata":{"name":"a","namespace":"default","tags":["java","java"]}}""");

        Assert.Equal("java", ValuesOf(rows, "metadata.tags"));
        Assert.Single(rows, r => r.Key == "metadata.tags.java");
    }

    [Fact]
    public void Keys_differing_only_in_case_are_an_InputError()
    {
        var error = Assert.Throws<InputError>(() => Rows("""{"metadata":{"name":"a"},"spec":{"owner":"x","OWNER":"y"}}"""));

        Assert.Equal("Entity has duplicate keys that vary only in casing, spec.owner", error.Message);
    }
}
