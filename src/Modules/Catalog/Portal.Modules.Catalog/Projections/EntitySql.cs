using Npgsql;
using Portal.Modules.Catalog.Domain.Queries;

namespace Portal.Modules.Catalog.Projections;

// Builds one parameterised statement over the read model: predicates become semi-joins on an entity uid column,
// answered by index scans on catalog.search (key, value, uid) / (key, uid) and catalog.relations (lower(type), target_ref).
// Uncorrelated `uid in (...)` lets PostgreSQL pick merge semi-joins in uid order under AND and hashed sub-plans under OR.
internal sealed class EntitySql
{
    private readonly List<object> _values = [];

    public string Value(object value)
    {
        _values.Add(value);
        return $"${_values.Count}";
    }

    public NpgsqlBatchCommand Command(string sql)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in _values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public string Condition(EntityPredicate predicate, string uid) => predicate switch
    {
        AllOf { Items.Count: 0 } => "true",
        AnyOf { Items.Count: 0 } => "false",
        AllOf all => $"({string.Join(" and ", all.Items.Select(i => Condition(i, uid)))})",
        AnyOf any => $"({string.Join(" or ", any.Items.Select(i => Condition(i, uid)))})",
        Not not => $"not ({Condition(not.Item, uid)})",
        FieldIn field when IsRelation(field.Key) => $"{uid} in ({Related(field.Key, field.Values)})",
        FieldExists field when IsRelation(field.Key) => $"{uid} in ({Related(field.Key, null)})",
        FieldIn field => $"{uid} in (select uid from catalog.search where key = {Value(field.Key)} and {OneOf("value", field.Values)})",
        FieldExists field => $"{uid} in (select uid from catalog.search where key = {Value(field.Key)})",
        FieldHasPrefix field =>
            $"{uid} in (select uid from catalog.search where key = {Value(field.Key)} and value like {Value(EscapeLike(field.Prefix) + "%")})",
        _ => throw new NotSupportedException(predicate.GetType().Name),
    };

    // Sorting by a field keeps only the entities that have a value for it (catalog-behaviour.md §4.1).
    public string HasValue(string key, string uid) =>
        $"{uid} in (select uid from catalog.search where key = {Value(key)} and value is not null)";

    // The term matches as a literal substring: unlike Backstage, % and _ are not wildcards.
    public string Contains(FullTextFilter fullText, string uid) =>
        $"{uid} in (select uid from catalog.search where key = any({Value(fullText.Fields.ToArray())}) and value like {Value("%" + EscapeLike(fullText.Term) + "%")})";

    // Every condition of a by-query, ANDed: the filter, the sort field present, the full-text term.
    public string Where(EntityQuery query, string uid, bool sortFieldIsDriver = false)
    {
        var conditions = new List<string> { Condition(query.Filter, uid) };
        if (query.Order is { } order && !sortFieldIsDriver)
        {
            conditions.Add(HasValue(order.Field, uid));
        }

        if (query.FullText is { } fullText)
        {
            conditions.Add(Contains(fullText, uid));
        }

        return string.Join(" and ", conditions);
    }

    public string OneOf(string column, IReadOnlyList<string> values) =>
        values.Count == 1 ? $"{column} = {Value(values[0])}" : $"{column} = any({Value(values.ToArray())})";

    public static bool IsRelation(string key) => key.StartsWith(EntityPredicate.RelationsPrefix, StringComparison.Ordinal);

    // An entity's relations are the rows naming it as source; the type is stored as written (ownedBy), keys are lower-case.
    private string Related(string key, IReadOnlyList<string>? targets) =>
        "select e.uid from catalog.relations r join catalog.entities e on e.entity_ref = r.source_ref "
        + $"where lower(r.type) = {Value(key[EntityPredicate.RelationsPrefix.Length..])}"
        + (targets is null ? "" : $" and {OneOf("r.target_ref", targets)}");

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
