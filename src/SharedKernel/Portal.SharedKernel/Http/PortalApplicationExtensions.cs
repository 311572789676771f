using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Auth;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.Logging;
using Portal.SharedKernel.Modules;
using Portal.SharedKernel.RateLimiting;

namespace Portal.SharedKernel.Http;

public static class PortalApplicationExtensions
{
    /// <summary>Portal's middleware, every registered module's endpoints, health, the OpenAPI document and the API explorer.</summary>
    public static WebApplication MapPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Outermost first: the id exists before anything logs, the log line sees the final status, and every failure
        // below (authentication, limits, body size, handlers) comes back through the error envelope.
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Portal v1");
            options.DocumentTitle = "Portal API explorer";
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<AccessPolicyMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
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

        // Written here rather than thrown, so a host that maps the modules without MapPortal's middleware still gets the envelope.
        foreach (var module in app.ServiceProvider.GetServices<ModuleDescriptor>())
        {
            app.MapFallback($"{module.BasePath}/{{**path}}", (HttpContext context) =>
                ErrorResponses.WriteAsync(context, new NotFoundError($"No route matches {context.Request.Method} {context.Request.Path}")));
        }

        return app;
    }
}
