using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain.Queries;

public sealed class FieldProjectionTests
{
    private static readonly JsonObject Entity = JsonNode.Parse("""
        {"apiVersion":"backstage.io/v1alpha1","kind":"Component",
         "metadata":{"name":"svc-a","namespace":"default","tags":["java","go"],"description":null,
                     "annotations":{"backstage.io/managed-by-location":"url:http://host/a.yaml"}},
         "spec":{"type":"service","owner":"team-a"},
         "relations":[{"type":"ownedBy","targetRef":"group:default/team-a"}]}
        """)!.AsObject();

    private static string Project(params string[] fields) => FieldProjection.Parse(fields)!.Apply(Entity).ToJsonString();

    [Fact]
    public void No_fields_means_the_whole_entity()
    {
        Assert.Null(FieldProjection.Parse(null));
        Assert.Null(FieldProjection.Parse([" , "]));
    }

    [Fact]
    public void Comma_lists_and_repeated_parameters_are_merged() =>
        Assert.Equal("""{"kind":"Component","metadata":{"name":"svc-a","namespace":"default"}}""", Project("kind, metadata.name", "metadata.namespace,kind"));

    [Fact]
    public void A_path_ending_on_an_object_or_array_copies_it_whole() =>
        Assert.Equal("""{"metadata":{"tags":["java","go"]},"spec":{"type":"service","owner":"team-a"}}""", Project("metadata.tags,spec"));

    [Fact]
    public void Keys_containing_dots_are_found_by_gluing_segments() =>
        Assert.Equal(
            """{"metadata":{"annotations":{"backstage.io/managed-by-location":"url:http://host/a.yaml"}}}""",
            Project("metadata.annotations.backstage.io/managed-by-location"));

    [Fact]
    public void Absent_paths_and_paths_through_arrays_select_nothing() =>
        Assert.Equal("{}", Project("metadata.title", "relations.type", "spec.type.x", "nope"));

    [Fact]
    public void A_null_value_is_copied_as_null() =>
        Assert.Equal("""{"metadata":{"description":null}}""", Project("metadata.description"));

    [Fact]
    public void The_source_entity_is_left_untouched()
    {
        var projected = FieldProjection.Parse(["spec"])!.Apply(Entity);
        projected["spec"]!["type"] = "changed";

        Assert.Equal("service", Entity["spec"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Array_index_fields_are_an_InputError()
    {
        var error = Assert.Throws<InputError>(() => FieldProjection.Parse(["kind,metadata.tags[0]"]));

        Assert.Equal("Invalid field \"metadata.tags[0]\", array type fields are not supported", error.Message);
    }
}
