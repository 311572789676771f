using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain.Queries;

public sealed class EntityPredicateTests
{
    private static EntityPredicate Parse(string json) => EntityPredicate.Parse(JsonNode.Parse(json));

    [Fact]
    public void Field_expressions_lower_case_keys_and_values()
    {
        Assert.Equal(new FieldIn("kind", ["component"]), Parse("""{"Kind":"Component"}"""));
        Assert.Equal(new FieldIn("spec.replicas", ["3"]), Parse("""{"spec.replicas":3}"""));
        Assert.Equal(new FieldIn("spec.public", ["true"]), Parse("""{"spec.public":true}"""));
    }

    [Fact]
    public void Several_keys_in_one_object_are_ANDed() =>
        Assert.Equal(new AllOf([new FieldIn("kind", ["api"]), new FieldExists("spec.type")]), Parse("""{"kind":"api","spec.type":{"$exists":true}}"""));

    [Fact]
    public void Operators_build_the_matching_predicates()
    {
        Assert.Equal(new FieldIn("kind", ["api", "component"]), Parse("""{"kind":{"$in":["API","component"]}}"""));
        Assert.Equal(new FieldHasPrefix("metadata.name", "pay"), Parse("""{"metadata.name":{"$hasPrefix":"Pay"}}"""));
        Assert.Equal(new Not(new FieldExists("spec.type")), Parse("""{"spec.type":{"$exists":false}}"""));
        Assert.Equal(new FieldIn("metadata.tags", ["java"]), Parse("""{"metadata.tags":{"$contains":"java"}}"""));
        Assert.Equal(
            new FieldIn("relations.ownedby", ["group:default/a"]),
            Parse("""{"relations":{"$contains":{"type":"ownedBy","targetRef":"group:default/a"}}}"""));
        Assert.Equal(new FieldExists("relations.ownedby"), Parse("""{"relations":{"$contains":{"type":"ownedBy"}}}"""));
    }

    [Fact]
    public void Logic_nests()
    {
        var parsed = Parse("""{"$any":[{"$all":[{"kind":"api"}]},{"$not":{"kind":"group"}}]}""");

        Assert.Equal(new AnyOf([new AllOf([new FieldIn("kind", ["api"])]), new Not(new FieldIn("kind", ["group"]))]), parsed);
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[]")]
    [InlineData("""{"$all":{}}""")]
    [InlineData("""{"$nope":[]}""")]
    [InlineData("""{"kind":null}""")]
    [InlineData("""{"kind":{"$in":[{}]}}""")]
    [InlineData("""{"kind":{"$exists":"yes"}}""")]
    [InlineData("""{"kind":{"$in":["a"],"$exists":true}}""")]
    [InlineData("""{"relations":{"$contains":{"targetRef":"x"}}}""")]
    [InlineData("""{"relations":{"$contains":{"type":"ownedBy","other":1}}}""")]
    public void Invalid_shapes_are_an_InputError(string json) =>
        Assert.StartsWith("Invalid query: ", Assert.Throws<InputError>(() => Parse(json)).Message);

    [Fact]
    public void The_json_form_parses_back_to_the_same_predicate()
    {
        var predicate = FilterParameter.Parse(["kind=api,kind=component,spec.type", "relations.ownedby=group:default/a"]);
        var withMore = new AllOf([predicate, new Not(new FieldHasPrefix("metadata.name", "x"))]);

        Assert.Equal(withMore, EntityPredicate.Parse(JsonNode.Parse(withMore.ToJson().ToJsonString())));
    }
}
