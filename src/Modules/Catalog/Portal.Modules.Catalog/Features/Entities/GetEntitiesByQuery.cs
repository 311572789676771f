using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// Backstage's main entity listing (catalog-behaviour.md §4): filtered, sorted, searched, and paged by opaque cursors
// that carry the query, so later pages need only the cursor. POST takes a JSON predicate instead of filter strings (§5);
// other modules ask the same through QueryEntities.
internal sealed record GetEntitiesByQuery(
    IReadOnlyList<string>? Filter = null,
    IReadOnlyList<string>? Fields = null,
    int? Limit = null,
    int? Offset = null,
    IReadOnlyList<string>? OrderField = null,
    string? FullTextFilterTerm = null,
    IReadOnlyList<string>? FullTextFilterFields = null,
    bool CountTotal = true,
    string? Cursor = null,
    JsonNode? Query = null) : IRequest<ServedPage>;

// The by-query answer as Backstage writes it: pageInfo is always there, each cursor only when there is such a page.
internal sealed record EntitiesByQueryResponse(IReadOnlyList<ServedEntity> Items, int TotalItems, EntitiesPageInfo PageInfo)
{
    public static EntitiesByQueryResponse From(ServedPage page) =>
        new(page.Items, page.TotalItems, new EntitiesPageInfo(page.NextCursor, page.PrevCursor));
}

internal sealed record EntitiesPageInfo(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PrevCursor);

internal sealed class GetEntitiesByQueryValidator : AbstractValidator<GetEntitiesByQuery>
{
    public GetEntitiesByQueryValidator()
    {
        RuleFor(x => x.Filter).Parses((IReadOnlyList<string>? value, out string? error) => FilterParameter.TryParse(value, out _, out error));
        RuleFor(x => x.Fields).Parses((IReadOnlyList<string>? value, out string? error) => FieldProjection.TryParse(value, out _, out error));
        RuleFor(x => x.OrderField).Parses((IReadOnlyList<string>? value, out string? error) => SortOrder.TryParseOrderFields(value, out _, out error));
        RuleFor(x => x.Cursor).Parses((string? value, out string? error) => QueryCursor.TryDecode(value, out _, out error)).When(x => x.Cursor is not null);
        RuleFor(x => x.Query).Parses((JsonNode? value, out string? error) => EntityPredicate.TryParse(value, out _, out error)).When(x => x.Query is not null);
        RuleFor(x => x.Limit).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Offset).GreaterThanOrEqualTo(0);
    }
}

internal sealed class GetEntitiesByQueryHandler(EntityQueryRunner runner) : IRequestHandler<GetEntitiesByQuery, ServedPage>
{
    public const int DefaultLimit = 200;

    public Task<ServedPage> Handle(GetEntitiesByQuery request, CancellationToken cancellationToken)
    {
        var order = SortOrder.ParseOrderFields(request.OrderField);
        var filter = FilterParameter.Parse(request.Filter);
        var query = new EntityQuery(
            request.Query is null ? filter : new AllOf([filter, EntityPredicate.Parse(request.Query)]),
            order,
            FullTextFilter.Create(request.FullTextFilterTerm, request.FullTextFilterFields, order));
        var cursor = request.Cursor is null ? null : QueryCursor.Decode(request.Cursor);
        return runner.RunAsync(
            query, cursor, FieldProjection.Parse(request.Fields), request.Limit ?? DefaultLimit, request.Offset ?? 0, request.CountTotal, cancellationToken);
    }
}

// Other modules page through the catalog in process with the same semantics.
internal sealed class QueryEntitiesHandler(ISender sender) : IRequestHandler<QueryEntities, EntityPage>
{
    public async Task<EntityPage> Handle(QueryEntities request, CancellationToken cancellationToken) =>
        (await sender.Send(
            new GetEntitiesByQuery(
                request.Filters, request.Fields, request.Limit, OrderField: request.OrderFields, FullTextFilterTerm: request.FullTextTerm,
                FullTextFilterFields: request.FullTextFields, Cursor: request.Cursor),
            cancellationToken)).ToEntityPage();
}

internal sealed class GetEntitiesByQueryEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entities/by-query", HandleAsync)
            .WithName("getEntitiesByQuery")
            .WithTags("Entities")
            .WithSummary("Query entities");

    private static async Task<Ok<EntitiesByQueryResponse>> HandleAsync(HttpRequest http, ISender sender, CancellationToken ct)
    {
        // fullTextFilterTerm/Fields are Backstage's names; the published contract also spells them fullTextFilter(.term/.fields).
        var query = QueryParameters.Read(
            http.Query, "filter", "fields", "limit", "offset", "orderField", "fullTextFilterTerm", "fullTextFilterFields",
            "fullTextFilter", "fullTextFilter.term", "fullTextFilter.fields", "totalItems", "cursor");
        var request = new GetEntitiesByQuery(
            query.List("filter"),
            query.List("fields"),
            query.Integer("limit", 0),
            query.Integer("offset", 0),
            query.List("orderField"),
            query.Single("fullTextFilterTerm") ?? query.Single("fullTextFilter.term") ?? query.Single("fullTextFilter"),
            query.List("fullTextFilterFields") ?? query.List("fullTextFilter.fields"),
            query.OneOf("totalItems", "include", "exclude") != "exclude",
            query.Single("cursor"));
        return TypedResults.Ok(EntitiesByQueryResponse.From(await sender.Send(request, ct)));
    }
}

internal sealed class QueryEntitiesByPredicateEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalog/entities/by-query", HandleAsync)
            .WithName("queryEntitiesByPredicate")
            .WithTags("Entities")
            .WithSummary("Query entities by predicate");

    private static async Task<Ok<EntitiesByQueryResponse>> HandleAsync(HttpRequest http, ISender sender, CancellationToken ct)
    {
        QueryParameters.Read(http.Query);
        var body = await JsonBody.ReadAsync(
            http, required: [], optional: ["cursor", "limit", "offset", "orderBy", "fullTextFilter", "fields", "totalItems", "query"], ct);
        var cursor = body.String("cursor");
        if (cursor is "")
        {
            throw new InputError("Cursor cannot be empty");
        }

        var fullText = body.Object("fullTextFilter", required: ["term"], optional: ["fields"]);
        var request = new GetEntitiesByQuery(
            Fields: body.Strings("fields"),
            Limit: body.Integer("limit", 0),
            Offset: body.Integer("offset", 0),
            OrderField: body.Objects("orderBy", required: ["field", "order"], optional: [])?.Select(o => $"{o.String("field")},{o.OneOf("order", "asc", "desc")}").ToList(),
            FullTextFilterTerm: fullText?.String("term"),
            FullTextFilterFields: fullText?.Strings("fields"),
            CountTotal: body.OneOf("totalItems", "include", "exclude") != "exclude",
            Cursor: cursor,
            Query: body.Node("query"));
        return TypedResults.Ok(EntitiesByQueryResponse.From(await sender.Send(request, ct)));
    }
}
