using System.Diagnostics.CodeAnalysis;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain;

// A reference to an entity, [kind:][namespace/]name (catalog-behaviour.md §11). Refs the server produces are lower-case.
internal readonly record struct EntityRef(string Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = "default";

    public static EntityRef Parse(string text, string? defaultKind = null, string defaultNamespace = DefaultNamespace) =>
        TryParse(text, defaultKind, defaultNamespace, out var parsed, out var error) ? parsed : throw new InputError(error);

    public static bool TryParse(string? text, string? defaultKind, string defaultNamespace, out EntityRef parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = default;
        error = null;
        text ??= "";

        // The kind separator only counts before the first slash, so names may contain ':' and '/'.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        string? kind = null;
        string? ns = null;
        var rest = text;
        if (colon >= 0 && (slash < 0 || colon < slash))
        {
            kind = text[..colon];
            rest = text[(colon + 1)..];
            slash = rest.IndexOf('/', StringComparison.Ordinal);
        }

        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
        }

        if (kind is "" || ns is "" || rest.Length == 0)
        {
            error = $"Entity reference \"{text}\" was not on the form [<kind>:][<namespace>/]<name>";
            return false;
        }

        kind ??= defaultKind;
        if (string.IsNullOrEmpty(kind))
        {
            error = $"Entity reference \"{text}\" had missing or empty kind (e.g. did not start with \"component:\" or similar)";
            return false;
        }

        parsed = new EntityRef(kind, ns ?? defaultNamespace, rest);
        return true;
    }

    public override string ToString() => $"{Kind}:{Namespace}/{Name}".ToLowerInvariant();
}
