using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Domain.Queries;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Entities;

// The canonical way to fetch one known entity. The path is matched case-insensitively; the 404 echoes it as sent.
internal sealed record GetEntityByName(string Kind, string Namespace, string Name) : IRequest<JsonObject>;

internal sealed class GetEntityByNameHandler(EntityReader reader) : IRequestHandler<GetEntityByName, JsonObject>
{
    public async Task<JsonObject> Handle(GetEntityByName request, CancellationToken cancellationToken)
    {
        var entityRef = $"{request.Kind}:{request.Namespace}/{request.Name}".ToLowerInvariant();
        return (await reader.ByRefsAsync([entityRef], cancellationToken))[0]
            ?? throw new NotFoundError($"No entity named '{request.Name}' found, with kind '{request.Kind}' in namespace '{request.Namespace}'");
    }
}

internal sealed class GetEntityByNameEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/entities/by-name/{kind}/{namespace}/{name}", HandleAsync)
            .WithName("getEntityByName")
            .WithTags("Entities")
            .WithSummary("Get entity by name");

    private static async Task<Ok<JsonObject>> HandleAsync(string kind, string @namespace, string name, HttpRequest http, ISender sender, CancellationToken ct)
    {
        QueryParameters.Read(http.Query);
        return TypedResults.Ok(await sender.Send(new GetEntityByName(kind, @namespace, name), ct));
    }
}
