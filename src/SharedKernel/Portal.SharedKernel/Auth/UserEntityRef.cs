using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Portal.SharedKernel.Auth;

// A JWT's sub must name a user entity: user:<namespace>/<name> or user:<name>, normalised as Backstage does.
internal static partial class UserEntityRef
{
    public const string DefaultNamespace = "default";

    public static bool TryNormalize(string? subject, [NotNullWhen(true)] out string? userRef)
    {
        userRef = null;
        var match = subject is null ? Match.Empty : Pattern().Match(subject);
        if (!match.Success)
        {
            return false;
        }

        var ns = match.Groups["namespace"].Success ? match.Groups["namespace"].Value.ToLowerInvariant() : DefaultNamespace;
        userRef = $"user:{ns}/{match.Groups["name"].Value}";
        return true;
    }

    [GeneratedRegex(
        "^user:(?:(?<namespace>[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)/)?(?<name>(?=.{1,63}$)[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
