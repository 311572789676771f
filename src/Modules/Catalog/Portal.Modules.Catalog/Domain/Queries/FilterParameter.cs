using System.Diagnostics.CodeAnalysis;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// The `filter` query parameter (catalog-behaviour.md §1.1-1.2): `key=value` statements separated by commas are ANDed,
// values repeated for one key form a set, a bare key tests existence; several parameters are ORed.
internal static class FilterParameter
{
    public static EntityPredicate Parse(IEnumerable<string>? values) =>
        TryParse(values, out var predicate, out var error) ? predicate : throw new InputError(error);

    public static bool TryParse(IEnumerable<string>? values, [NotNullWhen(true)] out EntityPredicate? predicate, [NotNullWhen(false)] out string? error)
    {
        predicate = null;
        error = null;
        var sets = new List<EntityPredicate>();
        foreach (var value in values ?? [])
        {
            var constraints = new Dictionary<string, List<string>>();
            foreach (var statement in value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0))
            {
                var equals = statement.IndexOf('=', StringComparison.Ordinal);
                var key = (equals < 0 ? statement : statement[..equals]).Trim().ToLowerInvariant();
                if (key.Length == 0)
                {
                    error = $"Invalid filter, '{statement}' is not a valid statement (expected a string on the form a=b or a= or a)";
                    return false;
                }

                if (!constraints.TryGetValue(key, out var allowed))
                {
                    constraints[key] = allowed = [];
                }

                var wanted = equals < 0 ? null : statement[(equals + 1)..].Trim().ToLowerInvariant();
                if (wanted is not null && !allowed.Contains(wanted))
                {
                    allowed.Add(wanted);
                }
            }

            if (constraints.Count > 0)
            {
                sets.Add(AllOfOrSingle(constraints.Select(c => c.Value.Count == 0 ? (EntityPredicate)new FieldExists(c.Key) : new FieldIn(c.Key, c.Value)).ToList()));
            }
        }

        predicate = sets.Count switch
        {
            0 => EntityPredicate.Everything,
            1 => sets[0],
            _ => new AnyOf(sets),
        };
        return true;
    }

    private static EntityPredicate AllOfOrSingle(List<EntityPredicate> items) => items.Count == 1 ? items[0] : new AllOf(items);
}
