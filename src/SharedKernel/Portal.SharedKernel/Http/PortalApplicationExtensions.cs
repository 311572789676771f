using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Http;

public static class PortalApplicationExtensions
{
    /// <summary>Portal's middleware, every registered module's endpoints, health, the OpenAPI document and the API explorer.</summary>
    public static WebApplication MapPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Portal v1");
            options.DocumentTitle = "Portal API explorer";
        });

        app.MapPortalModules();
        return app;
    }

    /// <summary>Maps the endpoints of the modules added with AddPortalModule, and a 404 in each module's envelope for the rest of its base path.</summary>
    public static IEndpointRouteBuilder MapPortalModules(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var endpoints in app.ServiceProvider.GetServices<IEndpointModule>())
        {
            endpoints.AddRoutes(app);
        }

        foreach (var module in app.ServiceProvider.GetServices<ModuleDescriptor>())
        {
            app.MapFallback($"{module.BasePath}/{{**path}}", (HttpContext context) =>
                throw new NotFoundError($"No route matches {context.Request.Method} {context.Request.Path}"));
        }

        return app;
    }
}
