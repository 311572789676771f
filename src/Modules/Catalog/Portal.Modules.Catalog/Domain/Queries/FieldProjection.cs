using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Portal.SharedKernel.Errors;

namespace Portal.Modules.Catalog.Domain.Queries;

// The `fields` selection (catalog-behaviour.md §2): dot paths copied into a new object at the same place.
// A segment that is not a property is glued to the next one, so keys holding dots (annotations) can be named.
internal sealed class FieldProjection
{
    private readonly IReadOnlyList<string[]> _paths;

    private FieldProjection(IReadOnlyList<string> fields) => _paths = fields.Select(f => f.Split('.')).ToList();

    public IReadOnlyList<string> Fields => _paths.Select(p => string.Join('.', p)).ToList();

    // Null when nothing is selected: the whole entity is returned.
    public static FieldProjection? Parse(IEnumerable<string>? values) =>
        TryParse(values, out var projection, out var error) ? projection : throw new InputError(error);

    public static bool TryParse(IEnumerable<string>? values, out FieldProjection? projection, [NotNullWhen(false)] out string? error)
    {
        projection = null;
        error = null;
        var fields = (values ?? []).SelectMany(v => v.Split(',')).Select(f => f.Trim()).Where(f => f.Length > 0).Distinct().ToList();
        var array = fields.Find(f => f.Contains('[', StringComparison.Ordinal));
        if (array is not null)
        {
            error = $"Invalid field \"{array}\", array type fields are not supported";
            return false;
        }

        projection = fields.Count == 0 ? null : new FieldProjection(fields);
        return true;
    }

    public JsonObject Apply(JsonObject entity)
    {
        var result = new JsonObject();
        foreach (var path in _paths)
        {
            Copy(entity, result, path, 0);
        }

        return result;
    }

    private static void Copy(JsonObject source, JsonObject target, string[] path, int start)
    {
        var key = path[start];
        for (var end = start; ; key += "." + path[++end])
        {
            if (source.TryGetPropertyValue(key, out var value))
            {
                if (end == path.Length - 1)
                {
                    target[key] = value?.DeepClone();
                }
                else if (value is JsonObject child)
                {
                    var existing = target[key] as JsonObject;
                    var into = existing ?? new JsonObject();
                    Copy(child, into, path, end + 1);
                    if (existing is null && into.Count > 0)
                    {
                        target[key] = into;
                    }
                }

                return;
            }

            if (end == path.Length - 1)
            {
                return;
            }
        }
    }
}
