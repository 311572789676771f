using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// One registered location by id; any text is accepted, one that is not an id is simply not found.
internal sealed record GetLocation(string Id) : IRequest<LocationView>;

internal sealed class GetLocationHandler(LocationReader reader) : IRequestHandler<GetLocation, LocationView>
{
    public async Task<LocationView> Handle(GetLocation request, CancellationToken cancellationToken) =>
        await reader.ByIdAsync(request.Id, cancellationToken) ?? throw new NotFoundError($"Found no location with ID {request.Id}");
}

internal sealed class GetLocationEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/locations/{id}", HandleAsync)
            .WithName("getLocationById")
            .WithTags("Locations")
            .WithSummary("Get location by ID");

    private static async Task<Ok<LocationView>> HandleAsync(string id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetLocation(id), ct));
}
