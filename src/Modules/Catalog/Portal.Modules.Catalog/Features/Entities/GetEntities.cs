using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Npgsql;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// The deprecated list (catalog-behaviour.md §3), still what many scripts call. Without limit, offset or after it streams
// every match in batches, sorted by the first order field (entities without it left out) or uid; with them it pages
// by offset, sorted by every order field (missing values last) or by ref, and links the next page.
internal sealed record GetEntities(
    IReadOnlyList<string>? Filter = null,
    IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? Order = null,
    int? Limit = null,
    int? Offset = null,
    string? After = null) : IRequest<LegacyEntities>;

// Either a stream of every match, or one page and whether another follows (with the limit and offset that reach it).
internal sealed record LegacyEntities(IAsyncEnumerable<JsonObject> Items, LegacyPage? Next);

internal sealed record LegacyPage(int Limit, int Offset)
{
    public static bool TryDecode(string text, out LegacyPage? page)
    {
        page = null;
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(text)) as JsonObject;
            if (json?["limit"] is JsonValue limit && limit.TryGetValue(out int l) && l > 0 && json["offset"] is JsonValue offset && offset.TryGetValue(out int o) && o >= 0)
            {
                page = new LegacyPage(l, o);
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            page = null;
        }

        return page is not null;
    }

    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["limit"] = Limit, ["offset"] = Offset }.ToJsonString()));
}

internal sealed class GetEntitiesValidator : AbstractValidator<GetEntities>
{
    public GetEntitiesValidator()
    {
        RuleFor(x => x.Filter).Parses((IReadOnlyList<string>? value, out string? error) => FilterParameter.TryParse(value, out _, out error));
        RuleFor(x => x.Fields).Parses((IReadOnlyList<string>? value, out string? error) => FieldProjection.TryParse(value, out _, out error));
        RuleFor(x => x.Order).Parses((IReadOnlyList<string>? value, out string? error) => SortOrder.TryParseLegacy(value, out _, out error));
        RuleFor(x => x.Limit).Holds(limit => limit is null or > 0, "Invalid limit, must be greater than zero");
        RuleFor(x => x.Offset).Holds(offset => offset is null or >= 0, "Invalid offset, must be zero or greater");
        RuleFor(x => x.After).Holds(after => after is null || LegacyPage.TryDecode(after, out _), "Malformed after cursor, could not be parsed");
    }
}

internal sealed class GetEntitiesHandler(EntityPages pages, EntityReader reader, NpgsqlDataSource database) : IRequestHandler<GetEntities, LegacyEntities>
{
    private const int Batch = 1000;

    public async Task<LegacyEntities> Handle(GetEntities request, CancellationToken cancellationToken)
    {
        var filter = FilterParameter.Parse(request.Filter);
        var fields = FieldProjection.Parse(request.Fields);
        var orders = SortOrder.ParseLegacy(request.Order);
        if (request.Limit is null && request.Offset is null && request.After is null)
        {
            return new LegacyEntities(StreamAsync(new EntityQuery(filter, orders.Count > 0 ? orders[0] : null, null), fields, cancellationToken), null);
        }

        LegacyPage? after = null;
        if (request.After is not null)
        {
            LegacyPage.TryDecode(request.After, out after);
        }

        var limit = after?.Limit ?? request.Limit ?? int.MaxValue - 1;
        var offset = after?.Offset ?? request.Offset ?? 0;
        var uids = await PageAsync(filter, orders, limit, offset, cancellationToken);
        var entities = (await reader.ByUidsAsync(uids.Take(limit).ToList(), cancellationToken)).OfType<JsonObject>().Select(e => fields?.Apply(e) ?? e);
        return new LegacyEntities(entities.ToAsyncEnumerable(), uids.Count > limit ? new LegacyPage(limit, (int)Math.Min((long)offset + limit, int.MaxValue)) : null);
    }

    // Streams while the response is written, so the whole catalog is never held in memory at once.
    private async IAsyncEnumerable<JsonObject> StreamAsync(EntityQuery query, FieldProjection? fields, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SortPosition? boundary = null;
        while (true)
        {
            var rows = await pages.ReadAsync(new PageRequest(query, boundary, Backward: false, Batch, 0, TotalAtVersion: null), cancellationToken);
            foreach (var entity in rows.Entities)
            {
                yield return entity.WithFields(fields).ToJsonObject();
            }

            if (!rows.HasMore)
            {
                yield break;
            }

            boundary = rows.Rows[^1];
        }
    }

    // Each order field sorts by the entity's least (ascending) or greatest (descending) value for it, missing values last.
    private async Task<List<Guid>> PageAsync(EntityPredicate filter, IReadOnlyList<SortOrder> orders, int limit, int offset, CancellationToken cancellationToken)
    {
        var sql = new EntitySql();
        var joins = orders.Select((order, i) =>
            $" left join lateral (select {(order.Descending ? "max" : "min")}(s.value) as value from catalog.search s "
            + $"where s.uid = e.uid and s.key = {sql.Value(order.Field)}) o{i} on true");
        var sorts = orders.Count == 0
            ? "e.entity_ref collate \"C\""
            : string.Join(", ", orders.Select((order, i) => $"o{i}.value {order.Direction} nulls last").Append("e.uid"));
        var text = $"select e.uid from catalog.entities e{string.Concat(joins)} where {sql.Condition(filter, "e.uid")} "
            + $"order by {sorts} limit {sql.Value(limit + 1)} offset {sql.Value(offset)}";
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(sql.Command(text));
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken);
        var uids = new List<Guid>();
        while (await rows.ReadAsync(cancellationToken))
        {
            uids.Add(rows.GetGuid(0));
        }

        return uids;
    }
}

internal sealed class GetEntitiesEndpoint : IEndpointModule
{
    private static readonly string[] Parameters = ["filter", "fields", "order", "limit", "offset", "after"];

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entities", HandleAsync)
            .WithName("getEntities")
            .WithTags("Entities")
            .WithSummary("List entities (deprecated)");

    private static async Task<IResult> HandleAsync(HttpContext http, ISender sender, CancellationToken ct)
    {
        var query = QueryParameters.Read(http.Request.Query, Parameters);
        var result = await sender.Send(
            new GetEntities(query.List("filter"), query.List("fields"), query.List("order"), query.Integer("limit", 0), query.Integer("offset", 0), query.Single("after")),
            ct);
        if (result.Next is { } next)
        {
            http.Response.Headers.Link = $"<{NextUrl(http.Request.Query, next)}>; rel=\"next\"";
        }

        return TypedResults.Ok(result.Items);
    }

    // The same query minus offset and after, then the cursor of the next page; relative to the plugin's base path.
    private static string NextUrl(IQueryCollection query, LegacyPage next)
    {
        var kept = query.Where(p => p.Key is not ("offset" or "after"))
            .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return $"/entities?{string.Join('&', kept.Append($"after={Uri.EscapeDataString(next.Encode())}"))}";
    }
}
