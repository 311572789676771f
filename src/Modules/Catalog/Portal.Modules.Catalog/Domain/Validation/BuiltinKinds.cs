using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Validation;

internal enum SpecFieldType
{
    Text,
    TextList,
    Object,
    Profile,
    TemplateParameters,
    TemplateSteps,
}

internal sealed record SpecField(string Name, SpecFieldType Type, bool Required = false, string[]? AllowedValues = null);

// A kind the catalog knows out of the box, with the spec its schema demands. Processor is the Backstage processor that
// owns the kind, named in validate-entity's messages.
internal sealed record KindDefinition(string Kind, string[] ApiVersions, string Processor, SpecField[] Spec);

// The built-in kinds: catalog-behaviour.md §10, plus the scaffolder's Template.
internal static class BuiltinKinds
{
    private static readonly string[] BackstageVersions = ["backstage.io/v1alpha1", "backstage.io/v1beta1"];
    private const string Builtin = "BuiltinKindsEntityProcessor";

    public static readonly KindDefinition[] All =
    [
        new("Component", BackstageVersions, Builtin,
        [
            Required("type"), Required("lifecycle"), Required("owner"), Optional("system"), Optional("subcomponentOf"),
            List("providesApis"), List("consumesApis"), List("dependsOn"), List("dependencyOf"),
        ]),
        new("API", BackstageVersions, Builtin, [Required("type"), Required("lifecycle"), Required("owner"), Required("definition"), Optional("system")]),
        new("Resource", BackstageVersions, Builtin, [Required("type"), Required("owner"), List("dependsOn"), List("dependencyOf"), Optional("system")]),
        new("System", BackstageVersions, Builtin, [Required("owner"), Optional("domain"), Optional("type")]),
        new("Domain", BackstageVersions, Builtin, [Required("owner"), Optional("subdomainOf"), Optional("type")]),
        new("Group", BackstageVersions, Builtin,
        [
            Required("type"), new("children", SpecFieldType.TextList, Required: true), Optional("parent"), List("members"),
            new("profile", SpecFieldType.Profile),
        ]),
        new("User", BackstageVersions, Builtin, [new("memberOf", SpecFieldType.TextList, Required: true), new("profile", SpecFieldType.Profile)]),
        new("Location", BackstageVersions, Builtin,
        [
            Optional("type"), Optional("target"), List("targets"), new("presence", SpecFieldType.Text, AllowedValues: ["required", "optional"]),
        ]),
        new("Template", ["scaffolder.backstage.io/v1beta3"], "ScaffolderEntitiesProcessor",
        [
            Required("type"), new("steps", SpecFieldType.TemplateSteps, Required: true), new("parameters", SpecFieldType.TemplateParameters),
            new("output", SpecFieldType.Object), Optional("owner"),
        ]),
    ];

    // Kind and apiVersion must match exactly (case-sensitive), as the kind schemas' enums demand.
    public static KindDefinition? Find(JsonObject entity) =>
        SchemaChecker.TryGetString(entity["kind"], out var kind) && SchemaChecker.TryGetString(entity["apiVersion"], out var apiVersion)
            ? All.FirstOrDefault(k => k.Kind == kind && k.ApiVersions.Contains(apiVersion, StringComparer.Ordinal))
            : null;

    public static void CheckSpec(KindDefinition kind, JsonObject entity, SchemaChecker schema)
    {
        if (!schema.Has(entity, "", "spec", required: true, out var node) || schema.Object(node, "/spec") is not { } spec)
        {
            return;
        }

        foreach (var field in kind.Spec)
        {
            if (schema.Has(spec, "/spec", field.Name, field.Required, out var value))
            {
                CheckField(field, value, SchemaChecker.Child("/spec", field.Name), schema);
            }
        }
    }

    private static void CheckField(SpecField field, JsonNode? value, string path, SchemaChecker schema)
    {
        switch (field.Type)
        {
            case SpecFieldType.Text when field.AllowedValues is { } allowed:
                schema.AllowedValue(value, path, allowed);
                break;
            case SpecFieldType.Text:
                schema.Text(value, path);
                break;
            case SpecFieldType.TextList:
                schema.TextList(value, path);
                break;
            case SpecFieldType.Object:
                schema.Object(value, path);
                break;
            case SpecFieldType.Profile:
                CheckProfile(value, path, schema);
                break;
            case SpecFieldType.TemplateParameters:
                CheckTemplateParameters(value, path, schema);
                break;
            case SpecFieldType.TemplateSteps:
                CheckTemplateSteps(value, path, schema);
                break;
        }
    }

    private static void CheckProfile(JsonNode? value, string path, SchemaChecker schema)
    {
        if (schema.Object(value, path) is not { } profile)
        {
            return;
        }

        foreach (var name in (string[])["displayName", "email", "picture"])
        {
            if (schema.Has(profile, path, name, required: false, out var item))
            {
                schema.Text(item, SchemaChecker.Child(path, name));
            }
        }
    }

    // One JSON schema object, or a list of them (one per form page).
    private static void CheckTemplateParameters(JsonNode? value, string path, SchemaChecker schema)
    {
        var valid = value is JsonObject || (value is JsonArray pages && pages.All(p => p is JsonObject));
        if (!valid)
        {
            schema.Fail(path, path, "must match exactly one schema in oneOf", "passingSchemas: null");
        }
    }

    private static void CheckTemplateSteps(JsonNode? value, string path, SchemaChecker schema)
    {
        if (schema.Array(value, path) is not { } steps)
        {
            return;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var stepPath = $"{path}/{i}";
            if (schema.Object(steps[i], stepPath) is not { } step)
            {
                continue;
            }

            if (schema.Has(step, stepPath, "action", required: true, out var action))
            {
                schema.Text(action, $"{stepPath}/action", minLength: 0);
            }

            foreach (var name in (string[])["id", "name"])
            {
                if (schema.Has(step, stepPath, name, required: false, out var text))
                {
                    schema.Text(text, SchemaChecker.Child(stepPath, name), minLength: 0);
                }
            }

            if (schema.Has(step, stepPath, "input", required: false, out var input))
            {
                schema.Object(input, $"{stepPath}/input");
            }
        }
    }

    private static SpecField Required(string name) => new(name, SpecFieldType.Text, Required: true);

    private static SpecField Optional(string name) => new(name, SpecFieldType.Text);

    private static SpecField List(string name) => new(name, SpecFieldType.TextList);
}
