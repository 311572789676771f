using System.Globalization;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// The checks Backstage's OpenAPI layer makes on a query string before any handler runs (catalog-behaviour.md §0.2),
// with its messages: unknown or empty parameters, integers, enums. Names are case-sensitive, as in Express.
internal sealed class QueryParameters
{
    private readonly IQueryCollection _query;

    private QueryParameters(IQueryCollection query) => _query = query;

    public static QueryParameters Read(IQueryCollection query, params string[] allowed)
    {
        foreach (var (name, values) in query)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new InputError($"Unknown query parameter '{name}'");
            }

            if (values.Any(string.IsNullOrEmpty))
            {
                throw new InputError($"Empty value found for query parameter '{name}'");
            }
        }

        return new QueryParameters(query);
    }

    public IReadOnlyList<string>? List(string name) => _query.TryGetValue(name, out var values) ? values.Select(v => v!).ToList() : null;

    public string? Single(string name) => _query.TryGetValue(name, out var values)
        ? values.Count == 1 ? values[0] : throw new InputError($"request/query/{name} must be string")
        : null;

    public int? Integer(string name, int minimum)
    {
        var text = Single(name);
        if (text is null)
        {
            return null;
        }

        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new InputError($"request/query/{name} must be integer");
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value > int.MaxValue)
        {
            throw new InputError(text.StartsWith('-') ? $"request/query/{name} must be >= {minimum}" : $"request/query/{name} must be <= {int.MaxValue}");
        }

        return value >= minimum ? (int)value : throw new InputError($"request/query/{name} must be >= {minimum}");
    }

    public string? OneOf(string name, params string[] allowed)
    {
        var text = Single(name);
        return text is null || allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new InputError($"request/query/{name} must be equal to one of the allowed values: {string.Join(", ", allowed)}");
    }
}
