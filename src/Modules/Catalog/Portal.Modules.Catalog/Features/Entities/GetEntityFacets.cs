using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// How many entities have each value of some fields (catalog-behaviour.md §8), for filter pickers: values in their
// original case, relations.<type> facets as target refs, keys echoed as asked.
internal sealed record GetEntityFacets(IReadOnlyList<string> Facets, IReadOnlyList<string>? Filter = null) : IRequest<JsonObject>;

internal sealed class GetEntityFacetsValidator : AbstractValidator<GetEntityFacets>
{
    public GetEntityFacetsValidator()
    {
        RuleFor(x => x.Facets).Holds(facets => facets.Count > 0 && !facets.Any(string.IsNullOrWhiteSpace), "Missing facet parameter");
        RuleFor(x => x.Filter).Parses((IReadOnlyList<string>? value, out string? error) => FilterParameter.TryParse(value, out _, out error));
    }
}

internal sealed class GetEntityFacetsHandler(NpgsqlDataSource database, ReadVersionCache cache) : IRequestHandler<GetEntityFacets, JsonObject>
{
    public async Task<JsonObject> Handle(GetEntityFacets request, CancellationToken cancellationToken)
    {
        var facets = request.Facets.Distinct().ToList();
        var filter = FilterParameter.Parse(request.Filter);
        var key = $"facets|{string.Join('\n', facets)}|{filter.ToJson().ToJsonString()}";
        var current = await ReadVersionCache.CurrentVersionAsync(database, cancellationToken);
        if (cache.Latest<List<(string Value, long Count)>[]>(key) is not { } cached || cached.Version != current)
        {
            cached = (current, await CountAsync(facets, filter, cancellationToken));
            cache.Keep(key, current, cached.Value, cached.Value.Sum(values => values.Sum(c => 32L + (2L * c.Value.Length))));
        }

        var counts = cached.Value;

        var result = new JsonObject();
        for (var i = 0; i < facets.Count; i++)
        {
            result[facets[i]] = new JsonArray([.. counts[i].Select(c => (JsonNode)new JsonObject { ["value"] = c.Value, ["count"] = c.Count })]);
        }

        return new JsonObject { ["facets"] = result };
    }

    // Read after the version: a write in between makes these counts newer than their version, never older.
    private async Task<List<(string Value, long Count)>[]> CountAsync(IReadOnlyList<string> facets, EntityPredicate filter, CancellationToken cancellationToken)
    {
        var counts = facets.Select(_ => new List<(string Value, long Count)>()).ToArray();
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(facets, filter));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)].Add((reader.GetString(1), reader.GetInt64(2)));
        }

        foreach (var values in counts)
        {
            values.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        }

        return counts;
    }

    // One statement for every facet; a value counts each entity once, and null values (json nulls, long texts) not at all.
    private static NpgsqlBatchCommand Command(IReadOnlyList<string> facets, EntityPredicate filter)
    {
        var sql = new EntitySql();
        var parts = facets.Select((facet, i) =>
        {
            var key = facet.ToLowerInvariant();
            return EntitySql.IsRelation(key)
                ? $"select {i}, r.target_ref, count(distinct e.uid) from catalog.relations r join catalog.entities e on e.entity_ref = r.source_ref "
                    + $"where lower(r.type) = {sql.Value(key[EntityPredicate.RelationsPrefix.Length..])} and {sql.Condition(filter, "e.uid")} group by r.target_ref"
                : $"select {i}, f.original_value, count(*) from catalog.search f "
                    + $"where f.key = {sql.Value(key)} and f.value is not null and {sql.Condition(filter, "f.uid")} group by f.original_value";
        });
        return sql.Command(string.Join(" union all ", parts));
    }
}

internal sealed class GetEntityFacetsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entity-facets", HandleAsync)
            .WithName("getEntityFacets")
            .WithTags("Entities")
            .WithSummary("Get entity facets");

    private static async Task<Ok<JsonObject>> HandleAsync(HttpRequest http, ISender sender, CancellationToken ct)
    {
        var query = QueryParameters.Read(http.Query, "facet", "filter");
        var facets = query.List("facet") ?? throw new InputError("request/query must have required property 'facet'");
        return TypedResults.Ok(await sender.Send(new GetEntityFacets(facets, query.List("filter")), ct));
    }
}
