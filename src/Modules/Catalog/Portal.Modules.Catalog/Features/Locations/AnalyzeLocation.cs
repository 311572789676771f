using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;

namespace Portal.Modules.Catalog.Features.Locations;

// Proposes what to register for a repository URL, without reading it: with no SCM analyzer installed Backstage never
// finds existing catalog files and proposes one Component named after the repository (catalog-behaviour.md §12.3).
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record AnalyzeLocation(AnalyzedTarget? Location, string? CatalogFilename) : IRequest<LocationAnalysis>;

internal sealed record AnalyzedTarget(string? Type, string? Target);

internal sealed record LocationAnalysis(IReadOnlyList<JsonObject> ExistingEntityFiles, IReadOnlyList<GeneratedEntity> GenerateEntities);

internal sealed record GeneratedEntity(JsonObject Entity, IReadOnlyList<JsonObject> Fields);

internal sealed class AnalyzeLocationValidator : AbstractValidator<AnalyzeLocation>
{
    public AnalyzeLocationValidator() =>
        RuleFor(x => x.Location).NotNull().WithMessage("request/body must have required property 'location'").OverridePropertyName("");
}

internal sealed class AnalyzeLocationHandler : IRequestHandler<AnalyzeLocation, LocationAnalysis>
{
    public Task<LocationAnalysis> Handle(AnalyzeLocation request, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Location!.Target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InputError("The given location.target is not a URL");
        }

        return Task.FromResult(new LocationAnalysis([], [new GeneratedEntity(RepositoryAnalysis.Component(url), [])]));
    }
}

internal sealed class AnalyzeLocationEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalog/analyze-location", HandleAsync)
            .WithName("analyzeLocation")
            .WithTags("Locations")
            .WithSummary("Analyze location");

    private static async Task<Ok<LocationAnalysis>> HandleAsync(AnalyzeLocation request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(request, ct));
}
