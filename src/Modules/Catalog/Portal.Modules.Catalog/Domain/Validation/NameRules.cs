using System.Text.RegularExpressions;

namespace Portal.Modules.Catalog.Domain.Validation;

// The format rules of entity names, namespaces, kinds, labels, annotations and tags (Kubernetes' naming rules, as the catalog uses them).
internal static partial class NameRules
{
    public const int MaxNameLength = 63;
    public const int MaxSubdomainLength = 253;

    public static bool IsValidApiVersion(string value) =>
        IsPrefixAndOrSuffix(value, IsValidDnsSubdomain, s => s.Length is >= 1 and <= MaxNameLength && ApiVersionSuffix().IsMatch(s));

    public static bool IsValidKind(string value) => value.Length is >= 1 and <= MaxNameLength && Kind().IsMatch(value);

    public static bool IsValidObjectName(string value) => value.Length is >= 1 and <= MaxNameLength && ObjectName().IsMatch(value);

    public static bool IsValidNamespace(string value) => IsValidDnsLabel(value);

    public static bool IsValidLabelKey(string value) => IsPrefixAndOrSuffix(value, IsValidDnsSubdomain, IsValidObjectName);

    public static bool IsValidLabelValue(string value) => value.Length == 0 || IsValidObjectName(value);

    public static bool IsValidAnnotationKey(string value) => IsPrefixAndOrSuffix(value, IsValidDnsSubdomain, IsValidObjectName);

    public static bool IsValidTag(string value) => value.Length is >= 1 and <= MaxNameLength && Tag().IsMatch(value);

    public static bool IsValidDnsLabel(string value) => value.Length is >= 1 and <= MaxNameLength && DnsLabel().IsMatch(value);

    public static bool IsValidDnsSubdomain(string value) =>
        value.Length is >= 1 and <= MaxSubdomainLength && value.Split('.').All(IsValidDnsLabel);

    // An absolute URL with a scheme; a bare path is not one, although .NET would read it as a file URI.
    public static bool IsValidUrl(string value) => UrlScheme().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out _);

    public static bool IsNonBlank(string value) => value.Trim().Length > 0;

    private static bool IsPrefixAndOrSuffix(string value, Func<string, bool> isValidPrefix, Func<string, bool> isValidSuffix)
    {
        var parts = value.Split('/');
        return parts.Length switch
        {
            1 => isValidSuffix(parts[0]),
            2 => isValidPrefix(parts[0]) && isValidSuffix(parts[1]),
            _ => false,
        };
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]+\z")]
    private static partial Regex ApiVersionSuffix();

    [GeneratedRegex(@"^[a-zA-Z][a-z0-9A-Z]*\z")]
    private static partial Regex Kind();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex ObjectName();

    [GeneratedRegex(@"^[a-z0-9]+(?:-+[a-z0-9]+)*\z")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*\z")]
    private static partial Regex Tag();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UrlScheme();
}
