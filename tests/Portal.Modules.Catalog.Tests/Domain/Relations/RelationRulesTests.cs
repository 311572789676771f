using Portal.Modules.Catalog.Domain.Relations;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Tests.Domain.Relations;

public sealed class RelationRulesTests
{
    private static string[] Relations(string kind, string spec, string apiVersion = "backstage.io/v1alpha1", string ns = "default") =>
        [.. RelationRules.For(Entities.Of(kind, spec, apiVersion, $$"""{"name":"Me","namespace":"{{ns}}"}"""))
            .Select(r => $"{r.SourceRef} {r.Type} {r.TargetRef}")];

    [Fact]
    public void A_component_emits_every_relation_of_its_spec_in_both_directions() =>
        Assert.Equal(
            [
                "component:default/me ownedBy group:default/team-a",
                "group:default/team-a ownerOf component:default/me",
                "component:default/me partOf component:default/parent",
                "component:default/parent hasPart component:default/me",
                "component:default/me providesApi api:default/api-a",
                "api:default/api-a apiProvidedBy component:default/me",
                "component:default/me consumesApi api:other/api-b",
                "api:other/api-b apiConsumedBy component:default/me",
                "component:default/me dependsOn resource:default/db",
                "resource:default/db dependencyOf component:default/me",
                "component:default/me dependencyOf component:default/front",
                "component:default/front dependsOn component:default/me",
                "component:default/me partOf system:default/shop",
                "system:default/shop hasPart component:default/me",
            ],
            Relations("Component", """
                {"type":"service","lifecycle":"production","owner":"Team-A","subcomponentOf":"parent","providesApis":["api-a"],
                 "consumesApis":["other/api-b"],"dependsOn":["Resource:db"],"dependencyOf":["component:front"],"system":"shop"}
                """));

    [Fact]
    public void Refs_without_a_namespace_take_the_entitys_namespace() =>
        Assert.Equal(
            ["component:ns1/me ownedBy user:ns1/jdoe", "user:ns1/jdoe ownerOf component:ns1/me"],
            Relations("Component", """{"type":"s","lifecycle":"l","owner":"user:jdoe"}""", ns: "ns1"));

    [Fact]
    public void An_explicit_kind_and_namespace_win_over_the_defaults() =>
        Assert.Equal(
            ["component:ns1/me ownedBy user:people/jdoe", "user:people/jdoe ownerOf component:ns1/me"],
            Relations("Component", """{"type":"s","lifecycle":"l","owner":"User:people/JDoe"}""", ns: "ns1"));

    [Fact]
    public void An_api_is_owned_and_part_of_a_system() =>
        Assert.Equal(
            ["api:default/me ownedBy group:default/o", "group:default/o ownerOf api:default/me",
             "api:default/me partOf system:default/s", "system:default/s hasPart api:default/me"],
            Relations("API", """{"type":"openapi","lifecycle":"l","owner":"o","definition":"d","system":"s"}"""));

    [Fact]
    public void A_resource_is_owned_depends_and_is_part_of_a_system() =>
        Assert.Equal(
            ["resource:default/me ownedBy group:default/o", "group:default/o ownerOf resource:default/me",
             "resource:default/me dependsOn resource:default/disk", "resource:default/disk dependencyOf resource:default/me",
             "resource:default/me dependencyOf component:default/c", "component:default/c dependsOn resource:default/me",
             "resource:default/me partOf system:default/s", "system:default/s hasPart resource:default/me"],
            Relations("Resource", """{"type":"db","owner":"o","dependsOn":["resource:disk"],"dependencyOf":["component:c"],"system":"s"}"""));

    [Fact]
    public void A_system_is_part_of_its_domain_and_a_domain_of_its_parent_domain()
    {
        Assert.Equal(
            ["system:default/me ownedBy group:default/o", "group:default/o ownerOf system:default/me",
             "system:default/me partOf domain:default/d", "domain:default/d hasPart system:default/me"],
            Relations("System", """{"owner":"o","domain":"d"}"""));
        Assert.Equal(
            ["domain:default/me ownedBy group:default/o", "group:default/o ownerOf domain:default/me",
             "domain:default/me partOf domain:default/top", "domain:default/top hasPart domain:default/me"],
            Relations("Domain", """{"owner":"o","subdomainOf":"top"}"""));
    }

    [Fact]
    public void A_group_links_its_parent_children_and_members() =>
        Assert.Equal(
            ["group:default/me childOf group:default/p", "group:default/p parentOf group:default/me",
             "group:default/me parentOf group:default/c", "group:default/c childOf group:default/me",
             "group:default/me hasMember user:default/u", "user:default/u memberOf group:default/me"],
            Relations("Group", """{"type":"team","parent":"p","children":["c"],"members":["u"]}"""));

    [Fact]
    public void A_user_is_member_of_its_groups() =>
        Assert.Equal(
            ["user:default/me memberOf group:default/a", "group:default/a hasMember user:default/me",
             "user:default/me memberOf group:other/b", "group:other/b hasMember user:default/me"],
            Relations("User", """{"memberOf":["a","other/b"]}"""));

    [Fact]
    public void A_template_is_owned() =>
        Assert.Equal(
            ["template:default/me ownedBy group:default/o", "group:default/o ownerOf template:default/me"],
            Relations("Template", """{"type":"service","owner":"o","steps":[]}""", "scaffolder.backstage.io/v1beta3"));

    [Fact]
    public void Locations_and_unknown_kinds_emit_nothing()
    {
        Assert.Empty(Relations("Location", """{"type":"url","target":"https://x","owner":"o"}"""));
        Assert.Empty(Relations("Widget", """{"owner":"o"}"""));
        Assert.Empty(Relations("Component", """{"owner":"o"}""", "backstage.io/v2"));
    }

    [Fact]
    public void Repeated_targets_give_one_relation_each_way() =>
        Assert.Equal(
            ["user:default/me memberOf group:default/a", "group:default/a hasMember user:default/me"],
            Relations("User", """{"memberOf":["a","group:a","Group:default/A"]}"""));

    [Fact]
    public void Fields_of_the_wrong_type_are_left_to_the_validator() =>
        Assert.Empty(Relations("Component", """{"owner":5,"providesApis":{"a":"b"},"consumesApis":[1,""],"system":""}"""));

    [Fact]
    public void A_malformed_ref_is_an_InputError_naming_the_entity_and_field()
    {
        var error = Assert.Throws<InputError>(() => Relations("Component", """{"type":"s","lifecycle":"l","owner":"o","dependsOn":["svc-x"]}"""));

        Assert.Equal(
            "component:default/me: spec.dependsOn.0: Entity reference \"svc-x\" had missing or empty kind (e.g. did not start with \"component:\" or similar)",
            error.Message);
        Assert.Equal("spec.dependsOn.0", Assert.Single(error.Fields).Field);
    }
}
