using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Relations;

namespace Portal.Modules.Catalog.Domain.Validation;

// Checks an entity the way Backstage's catalog does before accepting it (catalog-behaviour.md §10): envelope, metadata
// types, foreign root fields, field formats, the kind's spec schema and the refs in spec fields. Unlike Backstage, which
// stops at the first failing step, every problem is reported, so a caller fixes its entity in one round trip.
internal static class EntityValidator
{
    private const string FormatHelp =
        "To learn more about catalog file format, visit: https://github.com/backstage/backstage/blob/master/docs/architecture-decisions/adr002-default-catalog-file-format.md";

    private const string NameExpectation = "a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total";
    private const string PrefixSuffixExpectation = "a valid prefix and/or suffix";
    private const string NonBlankExpectation = "a non empty string";

    private static readonly string[] RootFields = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] StatusFields = ["relations", "status"];

    public static IReadOnlyList<EntityProblem> Validate(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var problems = new List<EntityProblem>();
        CheckEnvelope(entity, new SchemaChecker(EntityProblemStage.Envelope, problems));
        var policy = new SchemaChecker(EntityProblemStage.Policy, problems);
        CheckRootFields(entity, policy, problems);
        if (entity["metadata"] is JsonObject metadata)
        {
            CheckMetadataTypes(metadata, policy);
        }

        CheckFormats(entity, problems);
        CheckKind(entity, problems);
        return problems;
    }

    private static void CheckEnvelope(JsonObject entity, SchemaChecker envelope)
    {
        foreach (var field in (string[])["apiVersion", "kind"])
        {
            if (envelope.Has(entity, "", field, required: true, out var value))
            {
                envelope.Text(value, $"/{field}");
            }
        }

        if (envelope.Has(entity, "", "metadata", required: true, out var node)
            && envelope.Object(node, "/metadata") is { } metadata
            && envelope.Has(metadata, "/metadata", "name", required: true, out var name))
        {
            envelope.Text(name, "/metadata/name");
        }
    }

    private static void CheckRootFields(JsonObject entity, SchemaChecker policy, List<EntityProblem> problems)
    {
        foreach (var (field, _) in entity)
        {
            if (StatusFields.Contains(field, StringComparer.Ordinal))
            {
                problems.Add(new EntityProblem(EntityProblemStage.Policy, field, $"Unknown field {field}"));
            }
            else if (!RootFields.Contains(field, StringComparer.Ordinal))
            {
                policy.Fail(SchemaChecker.Child("", field), "", "must NOT have additional properties", $"additionalProperty: {field}");
            }
        }

        if (policy.Has(entity, "", "spec", required: false, out var spec))
        {
            policy.Object(spec, "/spec");
        }
    }

    private static void CheckMetadataTypes(JsonObject metadata, SchemaChecker policy)
    {
        foreach (var (field, minLength) in (ReadOnlySpan<(string, int)>)[("namespace", 1), ("uid", 1), ("etag", 1), ("title", 1), ("description", 0)])
        {
            if (policy.Has(metadata, "/metadata", field, required: false, out var value))
            {
                policy.Text(value, $"/metadata/{field}", minLength);
            }
        }

        if (policy.Has(metadata, "/metadata", "generation", required: false, out var generation))
        {
            CheckGeneration(generation, policy);
        }

        foreach (var map in (string[])["labels", "annotations"])
        {
            if (policy.Has(metadata, "/metadata", map, required: false, out var value) && policy.Object(value, $"/metadata/{map}") is { } entries)
            {
                foreach (var (key, entry) in entries)
                {
                    policy.Text(entry, SchemaChecker.Child($"/metadata/{map}", key), minLength: 0);
                }
            }
        }

        if (policy.Has(metadata, "/metadata", "tags", required: false, out var tags))
        {
            policy.TextList(tags, "/metadata/tags");
        }

        if (policy.Has(metadata, "/metadata", "links", required: false, out var node) && policy.Array(node, "/metadata/links") is { } links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                CheckLinkTypes(links[i], $"/metadata/links/{i}", policy);
            }
        }
    }

    private static void CheckGeneration(JsonNode? generation, SchemaChecker policy)
    {
        if (generation is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue<long>(out var value))
        {
            policy.Fail("/metadata/generation", "/metadata/generation", "must be integer", "type: integer");
        }
        else if (value < 1)
        {
            policy.Fail("/metadata/generation", "/metadata/generation", "must be >= 1", "comparison: >=, limit: 1");
        }
    }

    private static void CheckLinkTypes(JsonNode? node, string path, SchemaChecker policy)
    {
        if (policy.Object(node, path) is not { } link)
        {
            return;
        }

        foreach (var (field, required) in (ReadOnlySpan<(string, bool)>)[("url", true), ("title", false), ("icon", false), ("type", false)])
        {
            if (policy.Has(link, path, field, required, out var value))
            {
                policy.Text(value, $"{path}/{field}");
            }
        }
    }

    // Field formats check only values of the right type; a wrong type is already reported by the schema checks.
    private static void CheckFormats(JsonObject entity, List<EntityProblem> problems)
    {
        void Check(string field, JsonNode? node, Func<string, bool> isValid, string expectation)
        {
            if (SchemaChecker.TryGetString(node, out var value) && value.Length > 0 && !isValid(value))
            {
                problems.Add(FormatProblem(field, value, expectation));
            }
        }

        Check("apiVersion", entity["apiVersion"], NameRules.IsValidApiVersion, PrefixSuffixExpectation);
        Check("kind", entity["kind"], NameRules.IsValidKind, "a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total");
        if (entity["metadata"] is not JsonObject metadata)
        {
            return;
        }

        Check("metadata.name", metadata["name"], NameRules.IsValidObjectName, NameExpectation);
        Check("metadata.namespace", metadata["namespace"], NameRules.IsValidNamespace,
            "a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total");
        CheckKeyedFormats(metadata["labels"], "labels", NameRules.IsValidLabelKey, problems);
        CheckKeyedFormats(metadata["annotations"], "annotations", NameRules.IsValidAnnotationKey, problems);
        if (metadata["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (SchemaChecker.TryGetString(value, out var text) && !NameRules.IsValidLabelValue(text))
                {
                    problems.Add(FormatProblem($"labels.{key}", text, NameExpectation));
                }
            }
        }

        if (metadata["tags"] is JsonArray tags)
        {
            for (var i = 0; i < tags.Count; i++)
            {
                Check($"tags.{i}", tags[i], NameRules.IsValidTag, "a string that is sequences of [a-z0-9+#] separated by [-], at most 63 characters in total");
            }
        }

        if (metadata["links"] is JsonArray links)
        {
            for (var i = 0; i < links.Count; i++)
            {
                var link = links[i] as JsonObject;
                Check($"links.{i}.url", link?["url"], NameRules.IsValidUrl, "a string that is a valid url");
                Check($"links.{i}.title", link?["title"], NameRules.IsNonBlank, NonBlankExpectation);
                Check($"links.{i}.icon", link?["icon"], NameRules.IsNonBlank, NonBlankExpectation);
            }
        }
    }

    private static void CheckKeyedFormats(JsonNode? node, string label, Func<string, bool> isValidKey, List<EntityProblem> problems)
    {
        if (node is not JsonObject entries)
        {
            return;
        }

        foreach (var (key, _) in entries)
        {
            if (!isValidKey(key))
            {
                problems.Add(FormatProblem($"{label}.{key}", key, PrefixSuffixExpectation));
            }
        }
    }

    private static EntityProblem FormatProblem(string field, string value, string expectation) =>
        new(EntityProblemStage.Policy, field, $"\"{field}\" is not valid; expected {expectation} but found \"{value}\". {FormatHelp}");

    private static void CheckKind(JsonObject entity, List<EntityProblem> problems)
    {
        if (BuiltinKinds.Find(entity) is { } kind)
        {
            BuiltinKinds.CheckSpec(kind, entity, new SchemaChecker(EntityProblemStage.KindSchema, problems));
            problems.AddRange(RelationRules.Problems(entity));
        }
        else if (SchemaChecker.TryGetString(entity["kind"], out var name) && name.Length > 0
            && SchemaChecker.TryGetString(entity["apiVersion"], out var version) && version.Length > 0)
        {
            problems.Add(new EntityProblem(EntityProblemStage.UnknownKind, "kind",
                $"No processor recognized the entity {EntityIdentity.RefOf(entity)} as valid, possibly caused by a foreign kind or apiVersion"));
        }
    }
}
