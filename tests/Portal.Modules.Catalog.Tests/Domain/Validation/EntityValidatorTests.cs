using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Validation;

namespace Portal.Modules.Catalog.Tests.Domain.Validation;

public sealed class EntityValidatorTests
{
    private const string Help =
        "To learn more about catalog file format, visit: https://github.com/backstage/backstage/blob/master/docs/architecture-decisions/adr002-default-catalog-file-format.md";

    private static readonly string Max = new('a', 63);
    private static readonly string TooLong = new('a', 64);

    private static IReadOnlyList<EntityProblem> Validate(JsonObject entity) => EntityValidator.Validate(entity);

    private static EntityProblem Single(JsonObject entity) => Assert.Single(Validate(entity));

    private static void AssertValid(JsonObject entity) => Assert.Empty(Validate(entity));

    public static TheoryData<string> ValidEntities() =>
    [
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Component","metadata":{"name":"a"},"spec":{"type":"service","lifecycle":"production","owner":"team-a","system":"s","subcomponentOf":"c","providesApis":["a"],"consumesApis":[],"dependsOn":["resource:db"],"dependencyOf":["component:b"]}}""",
        """{"apiVersion":"backstage.io/v1beta1","kind":"Component","metadata":{"name":"a"},"spec":{"type":"service","lifecycle":"production","owner":"team-a"}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"API","metadata":{"name":"a"},"spec":{"type":"openapi","lifecycle":"production","owner":"team-a","definition":"openapi: 3.0.0","system":"s"}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Resource","metadata":{"name":"a"},"spec":{"type":"database","owner":"team-a","dependsOn":["component:x"],"dependencyOf":[],"system":"s"}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"System","metadata":{"name":"a"},"spec":{"owner":"team-a","domain":"d","type":"product"}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Domain","metadata":{"name":"a"},"spec":{"owner":"team-a","subdomainOf":"d","type":"area"}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Group","metadata":{"name":"a"},"spec":{"type":"team","children":[],"parent":"p","members":["u"],"profile":{"displayName":"A","email":"a@x","picture":"https://x/p.png"}}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"User","metadata":{"name":"a"},"spec":{"memberOf":["team-a"],"profile":{"email":"u@x"}}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Location","metadata":{"name":"a"},"spec":{"type":"url","target":"https://x/c.yaml","targets":["./a.yaml"],"presence":"optional"}}""",
        """{"apiVersion":"backstage.io/v1alpha1","kind":"Location","metadata":{"name":"a"},"spec":{}}""",
        """{"apiVersion":"scaffolder.backstage.io/v1beta3","kind":"Template","metadata":{"name":"a"},"spec":{"type":"service","owner":"team-a","parameters":[{"properties":{}}],"steps":[{"id":"fetch","name":"Fetch","action":"fetch:plain","input":{"url":"./t"}}],"output":{"links":[]}}}""",
        """{"apiVersion":"scaffolder.backstage.io/v1beta3","kind":"Template","metadata":{"name":"a"},"spec":{"type":"service","parameters":{"properties":{}},"steps":[]}}""",
    ];

    [Theory]
    [MemberData(nameof(ValidEntities))]
    public void A_valid_entity_of_every_built_in_kind_has_no_problems(string json) => AssertValid(Entities.Parse(json));

    [Fact]
    public void Full_metadata_is_valid() => AssertValid(Entities.Component().With("metadata", """
        {"name":"svc-a","namespace":"team-space","title":"Service A","description":"","uid":"u-1","etag":"e-1","generation":3,
         "labels":{"backstage.io/team":"a","plain":""},"annotations":{"example.com/x":"any value at all, spaces: ok"},
         "tags":["java","c++","c#","a:b","a-b"],"links":[{"url":"https://x.test/a","title":"A","icon":"dashboard","type":"admin"}]}
        """));

    [Theory]
    [InlineData("apiVersion", "<root> must have required property 'apiVersion' - missingProperty: apiVersion")]
    [InlineData("kind", "<root> must have required property 'kind' - missingProperty: kind")]
    [InlineData("metadata", "<root> must have required property 'metadata' - missingProperty: metadata")]
    [InlineData("metadata.name", "/metadata must have required property 'name' - missingProperty: name")]
    public void A_missing_envelope_field_is_an_envelope_problem(string field, string message)
    {
        var problem = Validate(Entities.Component().With(field, null))[0];

        Assert.Equal(new EntityProblem(EntityProblemStage.Envelope, field, message), problem);
    }

    [Theory]
    [InlineData("apiVersion", "3", "/apiVersion must be string - type: string")]
    [InlineData("kind", "\"\"", "/kind must NOT have fewer than 1 characters - limit: 1")]
    [InlineData("metadata", "[]", "/metadata must be object - type: object")]
    [InlineData("metadata.name", "null", "/metadata/name must be string - type: string")]
    [InlineData("metadata.name", "\"\"", "/metadata/name must NOT have fewer than 1 characters - limit: 1")]
    public void A_mistyped_envelope_field_is_an_envelope_problem(string field, string json, string message) =>
        Assert.Contains(new EntityProblem(EntityProblemStage.Envelope, field, message), Validate(Entities.Component().With(field, json)));

    [Theory]
    [InlineData("a")]
    [InlineData("a..b")]
    [InlineData("a--b")]
    [InlineData("a_b")]
    [InlineData("A1.b-C_d")]
    [InlineData("9")]
    public void Names_follow_the_object_name_rule(string name) => AssertValid(Entities.Component(name));

    [Fact]
    public void A_name_of_63_characters_is_valid_and_64_is_not()
    {
        AssertValid(Entities.Component(Max));
        Assert.Equal("metadata.name", Single(Entities.Component(TooLong)).Field);
    }

    [Theory]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a\\n")]
    [InlineData("é")]
    public void A_badly_formed_name_is_a_policy_problem(string name)
    {
        var problem = Single(Entities.Component().With("metadata.name", System.Text.Json.JsonSerializer.Serialize(System.Text.RegularExpressions.Regex.Unescape(name))));

        Assert.Equal(EntityProblemStage.Policy, problem.Stage);
        Assert.Equal("metadata.name", problem.Field);
    }

    [Fact]
    public void A_bad_name_is_worded_as_Backstage_words_it() =>
        Assert.Equal(
            $"\"metadata.name\" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found \"Bad Name!\". {Help}",
            Single(Entities.Component("Bad Name!")).Message);

    [Theory]
    [InlineData("default")]
    [InlineData("a--b")]
    [InlineData("ns1")]
    public void Namespaces_are_dns_labels(string ns) => AssertValid(Entities.Component().With("metadata.namespace", $"\"{ns}\""));

    [Theory]
    [InlineData("Default")]
    [InlineData("a_b")]
    [InlineData("a.b")]
    [InlineData("-a")]
    public void A_namespace_that_is_not_a_dns_label_is_a_problem(string ns) =>
        Assert.Equal(
            $"\"metadata.namespace\" is not valid; expected a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total but found \"{ns}\". {Help}",
            Single(Entities.Component().With("metadata.namespace", $"\"{ns}\"")).Message);

    [Fact]
    public void A_namespace_of_63_characters_is_valid_and_64_is_not()
    {
        AssertValid(Entities.Component().With("metadata.namespace", $"\"{Max}\""));
        Assert.Equal("metadata.namespace", Single(Entities.Component().With("metadata.namespace", $"\"{TooLong}\"")).Field);
    }

    [Fact]
    public void An_empty_namespace_is_refused_by_the_metadata_schema() =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, "metadata.namespace", "Malformed envelope, /metadata/namespace must NOT have fewer than 1 characters"),
            Single(Entities.Component().With("metadata.namespace", "\"\"")));

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("Comp onent")]
    public void A_badly_formed_kind_is_a_problem(string kind)
    {
        var problems = Validate(Entities.Component().With("kind", $"\"{kind}\""));

        Assert.Contains(problems, p => p is { Stage: EntityProblemStage.Policy, Field: "kind" }
            && p.Message.Contains("expected a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kind_of_64_characters_is_badly_formed() =>
        Assert.Contains(Validate(Entities.Component().With("kind", $"\"{TooLong}\"")), p => p is { Stage: EntityProblemStage.Policy, Field: "kind" });

    [Theory]
    [InlineData("a/b/c")]
    [InlineData("-x.io/v1")]
    [InlineData("x.io/v-1")]
    [InlineData("X.io/v1")]
    public void A_badly_formed_apiVersion_is_a_problem(string apiVersion) =>
        Assert.Contains(Validate(Entities.Component().With("apiVersion", $"\"{apiVersion}\"")), p => p is { Stage: EntityProblemStage.Policy, Field: "apiVersion" }
            && p.Message == $"\"apiVersion\" is not valid; expected a valid prefix and/or suffix but found \"{apiVersion}\". {Help}");

    [Theory]
    [InlineData("v1")]
    [InlineData("my-company.net/v1")]
    [InlineData("backstage.io/v2")]
    public void A_well_formed_apiVersion_no_kind_knows_is_an_unknown_kind(string apiVersion) =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.UnknownKind, "kind",
                "No processor recognized the entity component:default/svc-a as valid, possibly caused by a foreign kind or apiVersion"),
            Single(Entities.Component().With("apiVersion", $"\"{apiVersion}\"")));

    [Theory]
    [InlineData("Widget", "backstage.io/v1alpha1")]
    [InlineData("component", "backstage.io/v1alpha1")]
    [InlineData("Template", "backstage.io/v1beta3")]
    [InlineData("Component", "scaffolder.backstage.io/v1beta3")]
    public void Kind_and_apiVersion_must_match_a_built_in_kind_exactly(string kind, string apiVersion)
    {
        var problem = Single(Entities.Of(kind, "{}", apiVersion));

        Assert.Equal(EntityProblemStage.UnknownKind, problem.Stage);
        Assert.Contains($"the entity {kind.ToLowerInvariant()}:default/x as valid", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("backstage.io/team")]
    [InlineData("team")]
    [InlineData("a.b.c/x_y.z")]
    public void Label_keys_may_have_a_dns_prefix(string key) => AssertValid(Entities.Component().With("metadata.labels", $$"""{"{{key}}":"v"}"""));

    [Theory]
    [InlineData("a/b/c")]
    [InlineData("Upper.io/x")]
    [InlineData("x/-a")]
    [InlineData("/x")]
    public void A_badly_formed_label_key_is_a_problem(string key) =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, $"labels.{key}", $"\"labels.{key}\" is not valid; expected a valid prefix and/or suffix but found \"{key}\". {Help}"),
            Single(Entities.Component().With("metadata.labels", $$"""{"{{key}}":"v"}""")));

    [Fact]
    public void A_label_key_name_of_63_characters_is_valid_and_64_is_not()
    {
        AssertValid(Entities.Component().With("metadata.labels", $$"""{"x.io/{{Max}}":"v"}"""));
        Assert.Single(Validate(Entities.Component().With("metadata.labels", $$"""{"x.io/{{TooLong}}":"v"}""")));
    }

    [Fact]
    public void A_label_key_prefix_of_253_characters_is_valid_and_254_is_not()
    {
        var prefix = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('a', 61);
        Assert.Equal(253, prefix.Length);
        AssertValid(Entities.Component().With("metadata.labels", $$"""{"{{prefix}}/x":"v"}"""));
        Assert.Single(Validate(Entities.Component().With("metadata.labels", $$"""{"{{prefix}}a/x":"v"}""")));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-a")]
    public void A_badly_formed_label_value_is_a_problem(string value) =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, "labels.team",
                $"\"labels.team\" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found \"{value}\". {Help}"),
            Single(Entities.Component().With("metadata.labels", $$"""{"team":"{{value}}"}""")));

    [Fact]
    public void A_label_value_of_64_characters_is_a_problem() =>
        Assert.Equal("labels.team", Single(Entities.Component().With("metadata.labels", $$"""{"team":"{{TooLong}}"}""")).Field);

    [Theory]
    [InlineData("labels", "Malformed envelope, /metadata/labels/team must be string")]
    [InlineData("annotations", "Malformed envelope, /metadata/annotations/team must be string")]
    public void A_label_or_annotation_value_that_is_not_a_string_is_a_problem(string map, string message) =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, $"metadata.{map}.team", message),
            Single(Entities.Component().With($"metadata.{map}", """{"team":5}""")));

    [Fact]
    public void Annotation_keys_with_a_slash_are_named_whole() =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, "metadata.annotations.example.com/x", "Malformed envelope, /metadata/annotations/example.com~1x must be string"),
            Single(Entities.Component().With("metadata.annotations", """{"example.com/x":true}""")));

    [Fact]
    public void A_badly_formed_annotation_key_is_a_problem() =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, "annotations.a/b/c", $"\"annotations.a/b/c\" is not valid; expected a valid prefix and/or suffix but found \"a/b/c\". {Help}"),
            Single(Entities.Component().With("metadata.annotations", """{"a/b/c":"v"}""")));

    [Fact]
    public void Annotation_values_have_no_length_limit() =>
        AssertValid(Entities.Component().With("metadata.annotations", $$"""{"x.io/y":"{{new string('z', 5000)}} spaces and !"}"""));

    [Theory]
    [InlineData("Java")]
    [InlineData("a--b")]
    [InlineData("-a")]
    [InlineData("a_b")]
    [InlineData("a b")]
    public void A_badly_formed_tag_is_a_problem(string tag) =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.Policy, "tags.1",
                $"\"tags.1\" is not valid; expected a string that is sequences of [a-z0-9+#] separated by [-], at most 63 characters in total but found \"{tag}\". {Help}"),
            Single(Entities.Component().With("metadata.tags", $$"""["ok","{{tag}}"]""")));

    [Fact]
    public void A_tag_of_63_characters_is_valid_and_64_is_not()
    {
        AssertValid(Entities.Component().With("metadata.tags", $$"""["{{Max}}"]"""));
        Assert.Equal("tags.0", Single(Entities.Component().With("metadata.tags", $$"""["{{TooLong}}"]""")).Field);
    }

    [Theory]
    [InlineData("""[""]""", "metadata.tags.0", "Malformed envelope, /metadata/tags/0 must NOT have fewer than 1 characters")]
    [InlineData("""[3]""", "metadata.tags.0", "Malformed envelope, /metadata/tags/0 must be string")]
    [InlineData("\"java\"", "metadata.tags", "Malformed envelope, /metadata/tags must be array")]
    public void Tags_must_be_a_list_of_non_empty_strings(string tags, string field, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.Policy, field, message), Single(Entities.Component().With("metadata.tags", tags)));

    [Theory]
    [InlineData("""[{"title":"x"}]""", "metadata.links.0.url", "Malformed envelope, /metadata/links/0 must have required property 'url'")]
    [InlineData("""[{"url":5}]""", "metadata.links.0.url", "Malformed envelope, /metadata/links/0/url must be string")]
    [InlineData("""["https://x"]""", "metadata.links.0", "Malformed envelope, /metadata/links/0 must be object")]
    [InlineData("""[{"url":"https://x","title":""}]""", "metadata.links.0.title", "Malformed envelope, /metadata/links/0/title must NOT have fewer than 1 characters")]
    public void Links_follow_the_metadata_schema(string links, string field, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.Policy, field, message), Single(Entities.Component().With("metadata.links", links)));

    [Theory]
    [InlineData("not a url", "links.0.url", "a string that is a valid url")]
    [InlineData("/relative/path", "links.0.url", "a string that is a valid url")]
    public void A_link_url_must_be_absolute(string url, string field, string expectation) =>
        Assert.Equal(
            $"\"{field}\" is not valid; expected {expectation} but found \"{url}\". {Help}",
            Single(Entities.Component().With("metadata.links", $$"""[{"url":"{{url}}"}]""")).Message);

    [Fact]
    public void A_blank_link_title_or_icon_is_a_problem()
    {
        var problems = Validate(Entities.Component().With("metadata.links", """[{"url":"https://x","title":"  ","icon":" "}]"""));

        Assert.Equal(["links.0.title", "links.0.icon"], problems.Select(p => p.Field));
        Assert.All(problems, p => Assert.Contains("expected a non empty string", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("title", "5", "Malformed envelope, /metadata/title must be string")]
    [InlineData("title", "\"\"", "Malformed envelope, /metadata/title must NOT have fewer than 1 characters")]
    [InlineData("description", "[]", "Malformed envelope, /metadata/description must be string")]
    [InlineData("uid", "\"\"", "Malformed envelope, /metadata/uid must NOT have fewer than 1 characters")]
    [InlineData("etag", "1", "Malformed envelope, /metadata/etag must be string")]
    [InlineData("generation", "1.5", "Malformed envelope, /metadata/generation must be integer")]
    [InlineData("generation", "0", "Malformed envelope, /metadata/generation must be >= 1")]
    [InlineData("labels", "[]", "Malformed envelope, /metadata/labels must be object")]
    [InlineData("annotations", "\"x\"", "Malformed envelope, /metadata/annotations must be object")]
    [InlineData("links", "{}", "Malformed envelope, /metadata/links must be array")]
    public void Metadata_fields_have_types(string field, string json, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.Policy, $"metadata.{field}", message), Single(Entities.Component().With($"metadata.{field}", json)));

    [Fact]
    public void An_empty_description_is_valid() => AssertValid(Entities.Component().With("metadata.description", "\"\""));

    [Theory]
    [InlineData("relations", "[]", "Unknown field relations")]
    [InlineData("status", "{}", "Unknown field status")]
    [InlineData("extra", "1", "Malformed envelope, <root> must NOT have additional properties")]
    public void Root_fields_other_than_the_envelope_and_spec_are_refused(string field, string json, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.Policy, field, message), Single(Entities.Component().With(field, json)));

    [Fact]
    public void A_spec_that_is_not_an_object_is_a_problem()
    {
        var problems = Validate(Entities.Component().With("spec", "[]"));

        Assert.Equal(
            [
                new EntityProblem(EntityProblemStage.Policy, "spec", "Malformed envelope, /spec must be object"),
                new EntityProblem(EntityProblemStage.KindSchema, "spec", "/spec must be object - type: object"),
            ],
            problems);
    }

    [Theory]
    [InlineData("Component", "backstage.io/v1alpha1", new[] { "type", "lifecycle", "owner" })]
    [InlineData("API", "backstage.io/v1alpha1", new[] { "type", "lifecycle", "owner", "definition" })]
    [InlineData("Resource", "backstage.io/v1beta1", new[] { "type", "owner" })]
    [InlineData("System", "backstage.io/v1alpha1", new[] { "owner" })]
    [InlineData("Domain", "backstage.io/v1alpha1", new[] { "owner" })]
    [InlineData("Group", "backstage.io/v1alpha1", new[] { "type", "children" })]
    [InlineData("User", "backstage.io/v1alpha1", new[] { "memberOf" })]
    [InlineData("Location", "backstage.io/v1alpha1", new string[0])]
    [InlineData("Template", "scaffolder.backstage.io/v1beta3", new[] { "type", "steps" })]
    public void Every_required_spec_field_of_a_kind_is_reported(string kind, string apiVersion, string[] required) =>
        Assert.Equal(
            required.Select(f => new EntityProblem(EntityProblemStage.KindSchema, $"spec.{f}", $"/spec must have required property '{f}' - missingProperty: {f}")),
            Validate(Entities.Of(kind, "{}", apiVersion)));

    [Fact]
    public void A_built_in_kind_without_spec_is_a_problem() =>
        Assert.Equal(
            new EntityProblem(EntityProblemStage.KindSchema, "spec", "<root> must have required property 'spec' - missingProperty: spec"),
            Single(Entities.Component().With("spec", null)));

    [Theory]
    [InlineData("owner", "5", "spec.owner", "/spec/owner must be string - type: string")]
    [InlineData("owner", "\"\"", "spec.owner", "/spec/owner must NOT have fewer than 1 characters - limit: 1")]
    [InlineData("system", "[\"s\"]", "spec.system", "/spec/system must be string - type: string")]
    [InlineData("providesApis", "\"api-a\"", "spec.providesApis", "/spec/providesApis must be array - type: array")]
    [InlineData("consumesApis", "[1]", "spec.consumesApis.0", "/spec/consumesApis/0 must be string - type: string")]
    [InlineData("dependsOn", "[\"\"]", "spec.dependsOn.0", "/spec/dependsOn/0 must NOT have fewer than 1 characters - limit: 1")]
    public void Mistyped_component_spec_fields_are_problems(string field, string json, string problemField, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.KindSchema, problemField, message), Single(Entities.Component().With($"spec.{field}", json)));

    [Theory]
    [InlineData("Group", """{"type":"team","children":[],"profile":"x"}""", "spec.profile", "/spec/profile must be object - type: object")]
    [InlineData("Group", """{"type":"team","children":[],"profile":{"email":""}}""", "spec.profile.email", "/spec/profile/email must NOT have fewer than 1 characters - limit: 1")]
    [InlineData("Group", """{"type":"team","children":"a"}""", "spec.children", "/spec/children must be array - type: array")]
    [InlineData("User", """{"memberOf":[null]}""", "spec.memberOf.0", "/spec/memberOf/0 must be string - type: string")]
    [InlineData("API", """{"type":"openapi","lifecycle":"x","owner":"o","definition":{"$text":"x"}}""", "spec.definition", "/spec/definition must be string - type: string")]
    [InlineData("Location", """{"presence":"maybe"}""", "spec.presence", "/spec/presence must be equal to one of the allowed values - allowedValues: required,optional")]
    [InlineData("Location", """{"targets":"a"}""", "spec.targets", "/spec/targets must be array - type: array")]
    public void Mistyped_spec_fields_of_other_kinds_are_problems(string kind, string spec, string field, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.KindSchema, field, message), Single(Entities.Of(kind, spec)));

    [Theory]
    [InlineData("""{"type":"t","steps":[{}]}""", "spec.steps.0.action", "/spec/steps/0 must have required property 'action' - missingProperty: action")]
    [InlineData("""{"type":"t","steps":["fetch"]}""", "spec.steps.0", "/spec/steps/0 must be object - type: object")]
    [InlineData("""{"type":"t","steps":[{"action":"a","input":"x"}]}""", "spec.steps.0.input", "/spec/steps/0/input must be object - type: object")]
    [InlineData("""{"type":"t","steps":[],"parameters":"x"}""", "spec.parameters", "/spec/parameters must match exactly one schema in oneOf - passingSchemas: null")]
    [InlineData("""{"type":"t","steps":[],"parameters":[1]}""", "spec.parameters", "/spec/parameters must match exactly one schema in oneOf - passingSchemas: null")]
    [InlineData("""{"type":"t","steps":[],"owner":7}""", "spec.owner", "/spec/owner must be string - type: string")]
    public void Template_specs_follow_the_scaffolder_schema(string spec, string field, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.KindSchema, field, message), Single(Entities.Of("Template", spec, "scaffolder.backstage.io/v1beta3")));

    [Fact]
    public void Extra_spec_fields_are_allowed() => AssertValid(Entities.Component().With("spec.replicas", "3"));

    [Theory]
    [InlineData("dependsOn", "[\"svc-x\"]", "spec.dependsOn.0",
        "Entity reference \"svc-x\" had missing or empty kind (e.g. did not start with \"component:\" or similar)")]
    [InlineData("owner", "\"group:\"", "spec.owner", "Entity reference \"group:\" was not on the form [<kind>:][<namespace>/]<name>")]
    [InlineData("system", "\"ns/\"", "spec.system", "Entity reference \"ns/\" was not on the form [<kind>:][<namespace>/]<name>")]
    public void A_malformed_ref_in_a_spec_field_is_a_problem(string field, string json, string problemField, string message) =>
        Assert.Equal(new EntityProblem(EntityProblemStage.Relations, problemField, message), Single(Entities.Component().With($"spec.{field}", json)));

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var entity = Entities.Component("Bad Name!")
            .With("metadata.tags", """["ok","Not-Ok"]""")
            .With("metadata.title", "1")
            .With("spec.owner", null)
            .With("spec.dependsOn", """["svc-x"]""")
            .With("extra", "true");

        Assert.Equal(
            [
                (EntityProblemStage.Policy, "extra"),
                (EntityProblemStage.Policy, "metadata.title"),
                (EntityProblemStage.Policy, "metadata.name"),
                (EntityProblemStage.Policy, "tags.1"),
                (EntityProblemStage.KindSchema, "spec.owner"),
                (EntityProblemStage.Relations, "spec.dependsOn.0"),
            ],
            Validate(entity).Select(p => (p.Stage, p.Field)));
    }

    [Fact]
    public void An_entity_with_only_problems_reports_them_without_throwing()
    {
        var problems = Validate(Entities.Parse("""{"apiVersion":1,"kind":[],"metadata":"x","spec":5,"relations":1}"""));

        Assert.Equal(
            ["apiVersion", "kind", "metadata", "relations", "spec"],
            problems.Select(p => p.Field));
    }
}
