using System.Text.Json.Nodes;

namespace Portal.Modules.Catalog.Domain.Validation;

// What the catalog changes in an entity before storing it: the namespace defaults to "default", uid and etag are the
// server's to assign, and javascript: view/edit URLs are defused. relations and status are not stripped but refused by
// the validator, as Backstage does. The input is left untouched; validating before or after normalizing finds the same.
internal static class EntityNormalizer
{
    public const string RejectedUrl = "https://backstage.io/annotation-rejected-for-security-reasons";

    private static readonly string[] UrlAnnotations = ["backstage.io/view-url", "backstage.io/edit-url"];

    public static JsonObject Normalize(JsonObject entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var normalized = entity.DeepClone().AsObject();
        if (normalized["metadata"] is not JsonObject metadata)
        {
            return normalized;
        }

        // Only an absent namespace is defaulted: an empty or mistyped one stays for the validator to refuse.
        if (!metadata.ContainsKey("namespace"))
        {
            metadata["namespace"] = EntityRef.DefaultNamespace;
        }

        metadata.Remove("uid");
        metadata.Remove("etag");
        if (metadata["annotations"] is JsonObject annotations)
        {
            foreach (var key in UrlAnnotations)
            {
                if (SchemaChecker.TryGetString(annotations[key], out var url) && url.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                {
                    annotations[key] = RejectedUrl;
                }
            }
        }

        return normalized;
    }
}
