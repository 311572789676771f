using Portal.Modules.Catalog.Domain.Validation;

namespace Portal.Modules.Catalog.Tests.Domain.Validation;

public sealed class EntityNormalizerTests
{
    [Fact]
    public void An_absent_namespace_becomes_default() =>
        Assert.Equal("default", EntityNormalizer.Normalize(Entities.Component())["metadata"]!["namespace"]!.GetValue<string>());

    [Theory]
    [InlineData("\"ns1\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void A_given_namespace_is_left_for_the_validator(string json)
    {
        var normalized = EntityNormalizer.Normalize(Entities.Component().With("metadata.namespace", json));

        Assert.Equal(json, normalized["metadata"]!["namespace"]?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Uid_and_etag_are_the_servers_to_assign()
    {
        var metadata = EntityNormalizer.Normalize(Entities.Component().With("metadata.uid", "\"u\"").With("metadata.etag", "\"e\""))["metadata"]!.AsObject();

        Assert.False(metadata.ContainsKey("uid"));
        Assert.False(metadata.ContainsKey("etag"));
    }

    [Theory]
    [InlineData("backstage.io/view-url", "javascript:alert(1)")]
    [InlineData("backstage.io/edit-url", "  JavaScript:alert(1)")]
    public void A_javascript_view_or_edit_url_is_defused(string key, string url)
    {
        var entity = Entities.Component().With("metadata.annotations", $$"""{"{{key}}":"{{url}}","other.io/x":"javascript:kept"}""");

        var annotations = EntityNormalizer.Normalize(entity)["metadata"]!["annotations"]!;

        Assert.Equal(EntityNormalizer.RejectedUrl, annotations[key]!.GetValue<string>());
        Assert.Equal("javascript:kept", annotations["other.io/x"]!.GetValue<string>());
    }

    [Fact]
    public void Relations_and_status_stay_for_the_validator_to_refuse()
    {
        var normalized = EntityNormalizer.Normalize(Entities.Component().With("relations", "[]").With("status", "{}"));

        Assert.Equal(["relations", "status"], EntityValidator.Validate(normalized).Select(p => p.Field));
    }

    [Fact]
    public void The_input_is_not_changed()
    {
        var entity = Entities.Component().With("metadata.uid", "\"u\"");
        var before = entity.ToJsonString();

        EntityNormalizer.Normalize(entity);

        Assert.Equal(before, entity.ToJsonString());
    }

    [Fact]
    public void An_entity_without_metadata_is_returned_as_a_copy() =>
        Assert.Equal("""{"kind":"Component"}""", EntityNormalizer.Normalize(Entities.Parse("""{"kind":"Component"}""")).ToJsonString());
}
