using Portal.Modules.Catalog.Domain;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain;

public sealed class EntityRefTests
{
    [Theory]
    [InlineData("a:b/c/d", "a", "b", "c/d")]
    [InlineData("a/b:c", "component", "a", "b:c")]
    [InlineData("a:b:c", "a", "default", "b:c")]
    [InlineData("Group:Team-A", "Group", "default", "Team-A")]
    [InlineData("team-a", "component", "default", "team-a")]
    public void Parses_kind_namespace_and_name_as_Backstage_does(string text, string kind, string ns, string name) =>
        Assert.Equal(new EntityRef(kind, ns, name), EntityRef.Parse(text, "component"));

    [Theory]
    [InlineData(":b/c")]
    [InlineData("a:/c")]
    [InlineData("a:b/")]
    [InlineData("/c")]
    [InlineData("b/")]
    [InlineData("a:")]
    [InlineData("")]
    public void An_explicitly_empty_part_is_an_InputError(string text) =>
        Assert.Throws<InputError>(() => EntityRef.Parse(text, "component"));

    [Fact]
    public void A_missing_kind_without_a_default_names_the_problem()
    {
        var error = Assert.Throws<InputError>(() => EntityRef.Parse("svc-x"));

        Assert.Equal("Entity reference \"svc-x\" had missing or empty kind (e.g. did not start with \"component:\" or similar)", error.Message);
    }

    [Fact]
    public void The_namespace_defaults_to_the_one_given() =>
        Assert.Equal("group:ns1/team-a", EntityRef.Parse("team-a", "group", "ns1").ToString());

    [Fact]
    public void The_string_form_is_lower_case() =>
        Assert.Equal("component:default/svc-a", new EntityRef("Component", "Default", "SVC-A").ToString());
}
