using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Validation;
using Portal.SharedKernel.Errors;
using static Portal.Modules.Catalog.Domain.Relations.RelationTypes;

namespace Portal.Modules.Catalog.Domain.Relations;

// The relations a built-in kind's spec fields emit (catalog-behaviour.md §11.3), both directions. A ref without a kind or
// namespace takes the field's default kind and the entity's own namespace; fields without a default kind need one.
internal static class RelationRules
{
    private sealed record Rule(string[] Kinds, string Field, string? DefaultKind, string Forward, string Reverse);

    private static readonly Rule[] Rules =
    [
        new(["Component", "API", "Resource", "System", "Domain", "Template"], "owner", "Group", OwnedBy, OwnerOf),
        new(["Component"], "subcomponentOf", "Component", PartOf, HasPart),
        new(["Component"], "providesApis", "API", ProvidesApi, ApiProvidedBy),
        new(["Component"], "consumesApis", "API", ConsumesApi, ApiConsumedBy),
        new(["Component", "Resource"], "dependsOn", null, DependsOn, DependencyOf),
        new(["Component", "Resource"], "dependencyOf", null, DependencyOf, DependsOn),
        new(["Component", "API", "Resource"], "system", "System", PartOf, HasPart),
        new(["System"], "domain", "Domain", PartOf, HasPart),
        new(["Domain"], "subdomainOf", "Domain", PartOf, HasPart),
        new(["User"], "memberOf", "Group", MemberOf, HasMember),
        new(["Group"], "parent", "Group", ChildOf, ParentOf),
        new(["Group"], "children", "Group", ParentOf, ChildOf),
        new(["Group"], "members", "User", HasMember, MemberOf),
    ];

    // The relations of a valid entity, in emission order without repeats. A malformed ref is an InputError naming the field.
    public static IReadOnlyList<EntityRelation> For(JsonObject entity)
    {
        var relations = new List<EntityRelation>();
        Walk(entity, relations, problems: null);
        return relations.Distinct().ToList();
    }

    // The refs in spec fields that cannot be parsed; refs of the wrong type or empty are the kind schema's to report.
    public static IReadOnlyList<EntityProblem> Problems(JsonObject entity)
    {
        var problems = new List<EntityProblem>();
        Walk(entity, relations: null, problems);
        return problems;
    }

    private static void Walk(JsonObject entity, List<EntityRelation>? relations, List<EntityProblem>? problems)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (BuiltinKinds.Find(entity) is not { } kind || entity["spec"] is not JsonObject spec)
        {
            return;
        }

        var self = EntityIdentity.RefOf(entity);
        var selfRef = self.ToString();
        foreach (var rule in Rules.Where(r => r.Kinds.Contains(kind.Kind, StringComparer.Ordinal)))
        {
            foreach (var (field, text) in Targets(spec, rule.Field))
            {
                if (!EntityRef.TryParse(text, rule.DefaultKind, self.Namespace, out var target, out var error))
                {
                    if (problems is null)
                    {
                        throw new InputError($"{selfRef}: {field}: {error}", [new FieldError(field, error)]);
                    }

                    problems.Add(new EntityProblem(EntityProblemStage.Relations, field, error));
                    continue;
                }

                var targetRef = target.ToString();
                relations?.Add(new EntityRelation(selfRef, rule.Forward, targetRef));
                relations?.Add(new EntityRelation(targetRef, rule.Reverse, selfRef));
            }
        }
    }

    // A field holds one ref or a list of them; only non-empty strings are refs.
    private static IEnumerable<(string Field, string Text)> Targets(JsonObject spec, string name)
    {
        var field = $"spec.{name}";
        switch (spec[name])
        {
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (SchemaChecker.TryGetString(items[i], out var item) && item.Length > 0)
                    {
                        yield return ($"{field}.{i}", item);
                    }
                }

                break;
            case var single when SchemaChecker.TryGetString(single, out var text) && text.Length > 0:
                yield return (field, text);
                break;
        }
    }
}
