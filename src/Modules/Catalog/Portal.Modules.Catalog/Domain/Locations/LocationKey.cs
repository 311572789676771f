using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Modules.Catalog.Domain.Locations;

// A location as Backstage writes it, "<type>:<target>" (catalog-behaviour.md §12.1): the value of the managed-by
// annotations, and what the 409 for a duplicate registration compares, case-sensitively.
internal readonly record struct LocationKey(string Type, string Target)
{
    public const string Url = "url";
    public const string File = "file";

    // The name of the Location entity that stands for a registered location: SHA-1 of "type:target", as Backstage names it.
    [SuppressMessage("Security", "CA5350", Justification = "a name Backstage clients compute too, not a security measure")]
    public string GeneratedEntityName => $"generated-{Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(ToString())))}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out LocationKey? key)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        key = colon > 0 && colon < text!.Length - 1 ? new LocationKey(text[..colon], text[(colon + 1)..]) : null;
        return key is not null;
    }

    public override string ToString() => $"{Type}:{Target}";
}
