using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Auth;

// Every module route needs a valid token, unknown ones included (as in Backstage), except the marketplace's reads.
// Paths outside the modules (health, OpenAPI, the API explorer) are public.
internal sealed class AccessPolicyMiddleware(RequestDelegate next, ApiFamilies families)
{
    private static readonly string[] PublicReadBasePaths = ["/api/marketplace/v1"];

    public async Task InvokeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(BearerAuthenticationHandler.SchemeName);
        var module = families.Find(context.Request.Path);
        if (module is not null)
        {
            if (result.Failure is { } failure)
            {
                throw new AuthenticationError(failure.Message);
            }

            if (!result.Succeeded && !IsPublicRead(context.Request, module))
            {
                throw new AuthenticationError("Missing credentials");
            }
        }

        if (Caller.From(context.User) is { } caller && context.RequestServices.GetService<OperationContext>() is { } operation)
        {
            operation.User = caller.Subject;
            operation.IsService = caller.IsService;
        }

        await next(context);
    }

    private static bool IsPublicRead(HttpRequest request, ModuleDescriptor module) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && PublicReadBasePaths.Contains(module.BasePath, StringComparer.OrdinalIgnoreCase);
}
