using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// One entity with its relations by uid. Any text is accepted as a uid; one that is not a uid is simply not found.
internal sealed record GetEntityByUid(string Uid) : IRequest<JsonObject>;

internal sealed class GetEntityByUidHandler(EntityReader reader) : IRequestHandler<GetEntityByUid, JsonObject>
{
    public async Task<JsonObject> Handle(GetEntityByUid request, CancellationToken cancellationToken)
    {
        var entity = Guid.TryParseExact(request.Uid, "D", out var uid) ? (await reader.ByUidsAsync([uid], cancellationToken))[0] : null;
        return entity ?? throw new NotFoundError($"No entity with uid {request.Uid}");
    }
}

internal sealed class GetEntityByUidEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entities/by-uid/{uid}", HandleAsync)
            .WithName("getEntityByUid")
            .WithTags("Entities")
            .WithSummary("Get entity by UID");

    private static async Task<Ok<JsonObject>> HandleAsync(string uid, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetEntityByUid(uid), ct));
}
