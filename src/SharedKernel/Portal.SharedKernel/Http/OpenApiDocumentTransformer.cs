using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.SharedKernel.Http;

// Names the document and declares the bearer scheme, so the API explorer offers "Authorize" for the printed tokens.
internal sealed class OpenApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string Scheme = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Portal";
        document.Info.Description = "Backstage catalog, TechDocs and scaffolder, Che launcher, DevLake DORA and plugin marketplace APIs.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = Scheme,
            Description = "A service token from Auth:ServiceTokens, or a JWT user token whose sub is a user entity ref.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
        return Task.CompletedTask;
    }
}
