using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.Http;

// Writes a PortalError in the envelope of the API family the request path belongs to.
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, PortalError error)
    {
        var families = context.RequestServices.GetRequiredService<ApiFamilies>();
        var module = families.Find(context.Request.Path);
        var response = context.Response;
        response.Clear();
        response.StatusCode = error.StatusCode;
        object body = (module?.ErrorStyle ?? ErrorStyle.Backstage) switch
        {
            ErrorStyle.Plugin => new { error = error.Message },
            ErrorStyle.Marketplace => new
            {
                error = new { code = error.Code, message = error.Message, details = error.Details },
                timestamp = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                requestId = context.TraceIdentifier,
            },
            _ => new
            {
                error = new { name = error.Name, message = error.Message },
                request = new { method = context.Request.Method, url = RelativeUrl(context.Request, module?.BasePath) },
                response = new { statusCode = error.StatusCode },
            },
        };
        return response.WriteAsJsonAsync(body);
    }

    // Backstage reports the URL relative to the plugin's base path: /api/catalog/entities?limit=1 → /entities?limit=1.
    private static string RelativeUrl(HttpRequest request, string? basePath)
    {
        var path = basePath is not null && request.Path.StartsWithSegments(basePath, StringComparison.OrdinalIgnoreCase, out var rest)
            ? rest
            : request.Path;
        return (path.HasValue ? path.Value : "/") + request.QueryString.Value;
    }
}
