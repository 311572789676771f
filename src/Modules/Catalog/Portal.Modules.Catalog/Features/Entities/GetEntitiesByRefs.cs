using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// Many entities by ref in one call (catalog-behaviour.md §7): one item per ref asked, in order, null where the exact
// lower-case ref is not in the catalog or the entity fails the filter. Refs are compared, never parsed, so a malformed
// ref is simply not found.
internal sealed record GetEntitiesByRefsQuery(
    IReadOnlyList<string> EntityRefs, IReadOnlyList<string>? Fields = null, IReadOnlyList<string>? Filter = null, JsonNode? Query = null)
    : IRequest<IReadOnlyList<JsonObject?>>;

internal sealed record EntitiesByRefsResponse(IReadOnlyList<JsonObject?> Items);

internal sealed class GetEntitiesByRefsQueryValidator : AbstractValidator<GetEntitiesByRefsQuery>
{
    public GetEntitiesByRefsQueryValidator()
    {
        RuleFor(x => x.EntityRefs).NotNull();
        RuleFor(x => x.Fields).Parses((IReadOnlyList<string>? value, out string? error) => FieldProjection.TryParse(value, out _, out error));
        RuleFor(x => x.Filter).Parses((IReadOnlyList<string>? value, out string? error) => FilterParameter.TryParse(value, out _, out error));
        RuleFor(x => x.Query).Parses((JsonNode? value, out string? error) => EntityPredicate.TryParse(value, out _, out error)).When(x => x.Query is not null);
    }
}

internal sealed class GetEntitiesByRefsQueryHandler(EntityReader reader, NpgsqlDataSource database)
    : IRequestHandler<GetEntitiesByRefsQuery, IReadOnlyList<JsonObject?>>
{
    public async Task<IReadOnlyList<JsonObject?>> Handle(GetEntitiesByRefsQuery request, CancellationToken cancellationToken)
    {
        var fields = FieldProjection.Parse(request.Fields);
        var filter = FilterParameter.Parse(request.Filter);
        var predicate = request.Query is null ? filter : new AllOf([filter, EntityPredicate.Parse(request.Query)]);
        var entities = await reader.ByRefsAsync(request.EntityRefs, cancellationToken);
        var passing = predicate == EntityPredicate.Everything ? null : await PassingAsync(request.EntityRefs, predicate, cancellationToken);
        return entities
            .Select((entity, i) => entity is null || passing?.Contains(request.EntityRefs[i]) == false ? null : fields?.Apply(entity) ?? entity)
            .ToList();
    }

    private async Task<HashSet<string>> PassingAsync(IReadOnlyList<string> refs, EntityPredicate predicate, CancellationToken cancellationToken)
    {
        var sql = new EntitySql();
        var text = $"select e.entity_ref from catalog.entities e where e.entity_ref = any({sql.Value(refs.Distinct().ToArray())}) and {sql.Condition(predicate, "e.uid")}";
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(sql.Command(text));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var passing = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            passing.Add(reader.GetString(0));
        }

        return passing;
    }
}

// Other modules resolve many refs in process.
internal sealed class GetEntitiesByRefsHandler(ISender sender) : IRequestHandler<GetEntitiesByRefs, IReadOnlyList<JsonObject?>>
{
    public Task<IReadOnlyList<JsonObject?>> Handle(GetEntitiesByRefs request, CancellationToken cancellationToken) =>
        sender.Send(new GetEntitiesByRefsQuery(request.EntityRefs, request.Fields), cancellationToken);
}

internal sealed class GetEntitiesByRefsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalog/entities/by-refs", HandleAsync)
            .WithName("getEntitiesByRefs")
            .WithTags("Entities")
            .WithSummary("Get entities by refs");

    private static async Task<Ok<EntitiesByRefsResponse>> HandleAsync(HttpRequest http, ISender sender, CancellationToken ct)
    {
        var query = QueryParameters.Read(http.Query, "filter");
        var body = await JsonBody.ReadAsync(http, required: ["entityRefs"], optional: ["fields", "query"], ct);
        var request = new GetEntitiesByRefsQuery(body.Strings("entityRefs")!, body.Strings("fields"), query.List("filter"), body.Node("query"));
        return TypedResults.Ok(new EntitiesByRefsResponse(await sender.Send(request, ct)));
    }
}
