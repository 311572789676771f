using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// Every registered location, each wrapped as {"data": location} as Backstage lists them.
internal sealed record GetLocations : IRequest<IReadOnlyList<LocationItem>>;

internal sealed record LocationItem(LocationView Data);

internal sealed class GetLocationsHandler(LocationReader reader) : IRequestHandler<GetLocations, IReadOnlyList<LocationItem>>
{
    public async Task<IReadOnlyList<LocationItem>> Handle(GetLocations request, CancellationToken cancellationToken) =>
        [.. (await reader.AllAsync(cancellationToken)).Select(location => new LocationItem(location))];
}

internal sealed class GetLocationsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/catalog/locations", HandleAsync)
            .WithName("getLocations")
            .WithTags("Locations")
            .WithSummary("List locations");

    private static async Task<Ok<IReadOnlyList<LocationItem>>> HandleAsync(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetLocations(), ct));
}
