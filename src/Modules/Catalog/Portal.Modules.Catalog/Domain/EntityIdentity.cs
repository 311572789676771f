using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Domain.Validation;

namespace Portal.Modules.Catalog.Domain;

internal static class EntityIdentity
{
    // The entity's own ref from kind, metadata.namespace (default when absent) and metadata.name; missing parts stay empty.
    public static EntityRef RefOf(JsonObject entity)
    {
        var metadata = entity["metadata"] as JsonObject;
        SchemaChecker.TryGetString(entity["kind"], out var kind);
        SchemaChecker.TryGetString(metadata?["name"], out var name);
        var ns = SchemaChecker.TryGetString(metadata?["namespace"], out var given) ? given : EntityRef.DefaultNamespace;
        return new EntityRef(kind, ns, name);
    }
}
