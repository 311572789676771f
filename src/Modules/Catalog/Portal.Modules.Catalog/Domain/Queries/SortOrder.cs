using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// A sort on one search-index key (lower-cased); the value compares as lower-cased text, ordinal.
internal sealed partial record SortOrder(string Field, bool Descending)
{
    public string Direction => Descending ? "desc" : "asc";

    public static SortOrder? ParseOrderFields(IEnumerable<string>? values) =>
        TryParseOrderFields(values, out var order, out var error) ? order : throw new InputError(error);

    public static IReadOnlyList<SortOrder> ParseLegacy(IEnumerable<string>? values) =>
        TryParseLegacy(values, out var orders, out var error) ? orders : throw new InputError(error);

    // by-query's `orderField=field[,asc|desc]` (catalog-behaviour.md §4.1); only the first one sorts. A missing direction
    // sorts ascending and, unlike Backstage, the cursor it produces works.
    public static bool TryParseOrderFields(IEnumerable<string>? values, out SortOrder? order, [NotNullWhen(false)] out string? error)
    {
        order = null;
        error = null;
        foreach (var value in values ?? [])
        {
            var parts = value.Split(',');
            var field = parts[0].Trim().ToLowerInvariant();
            if (parts.Length > 2 || (parts.Length == 2 && parts[1] is not ("asc" or "desc")))
            {
                error = "Invalid order field order, must be asc or desc";
                return false;
            }

            if (field.Length == 0)
            {
                error = $"Invalid order field \"{value}\", expected \"<field name>[,asc|desc]\"";
                return false;
            }

            order ??= new SortOrder(field, parts.Length == 2 && parts[1] == "desc");
        }

        return true;
    }

    // The legacy list's `order=asc:field` (catalog-behaviour.md §3.1); each one sorts in turn.
    public static bool TryParseLegacy(IEnumerable<string>? values, out IReadOnlyList<SortOrder> orders, [NotNullWhen(false)] out string? error)
    {
        var parsed = new List<SortOrder>();
        orders = parsed;
        error = null;
        foreach (var value in values ?? [])
        {
            var match = LegacyOrder().Match(value);
            if (!match.Success)
            {
                error = $"Invalid order parameter \"{value}\", expected \"<asc or desc>:<field name>\"";
                return false;
            }

            parsed.Add(new SortOrder(match.Groups[2].Value.ToLowerInvariant(), match.Groups[1].Value == "desc"));
        }

        return true;
    }

    [GeneratedRegex("^(asc|desc):(.+)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LegacyOrder();
}
