using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// The chain that produced an entity, in Backstage's shape (catalog-behaviour.md §6): the entity first, then each
// Location entity above it up to the one generated for its registered location, whose parents are [].
internal sealed record GetEntityAncestry(string Kind, string Namespace, string Name) : IRequest<EntityAncestry>;

internal sealed record EntityAncestry(string RootEntityRef, IReadOnlyList<AncestryItem> Items);

internal sealed record AncestryItem(JsonObject Entity, IReadOnlyList<string> ParentEntityRefs);

internal sealed class GetEntityAncestryHandler(NpgsqlDataSource database, EntityReader reader) : IRequestHandler<GetEntityAncestry, EntityAncestry>
{
    // Parents up from the entity; the depth bound guards against a loop however the rows came to be.
    private const string ChainSql = """
        with recursive chain (entity_ref, parent_ref, depth) as (
            select $1::text, (select parent_ref from catalog.location_entities where entity_ref = $1), 0
            union all
            select p.entity_ref, p.parent_ref, c.depth + 1
            from chain c join catalog.location_entities p on p.entity_ref = c.parent_ref
            where c.depth < 100)
        select entity_ref, parent_ref from chain order by depth
        """;

    public async Task<EntityAncestry> Handle(GetEntityAncestry request, CancellationToken cancellationToken)
    {
        var rootRef = $"{request.Kind}:{request.Namespace}/{request.Name}".ToLowerInvariant();
        var chain = new List<(string Ref, string? Parent)>();
        await using (var command = database.CreateCommand(ChainSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rootRef });
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                chain.Add((rows.GetString(0), await rows.IsDBNullAsync(1, cancellationToken) ? null : rows.GetString(1)));
            }
        }

        var entities = await reader.ByRefsAsync([.. chain.Select(link => link.Ref)], cancellationToken);
        if (entities[0] is null)
        {
            throw new NotFoundError($"No such entity {rootRef}");
        }

        var items = chain.Zip(entities)
            .TakeWhile(pair => pair.Second is not null)
            .Select(pair => new AncestryItem(pair.Second!, pair.First.Parent is { } parent ? [parent] : []))
            .ToList();
        return new EntityAncestry(rootRef, items);
    }
}

internal sealed class GetEntityAncestryEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entities/by-name/{kind}/{namespace}/{name}/ancestry", HandleAsync)
            .WithName("getEntityAncestry")
            .WithTags("Entities")
            .WithSummary("Get entity ancestry");

    private static async Task<Ok<EntityAncestry>> HandleAsync(string kind, string @namespace, string name, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEntityAncestry(kind, @namespace, name), ct));
}
