using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Http;

// Gives every request an id (the caller's X-Request-Id when it is sane), echoed on the response and carried by every log line.
internal sealed partial class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var requestId = SaneRequestId().IsMatch(incoming) ? incoming : $"req_{Guid.NewGuid():N}";
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = requestId;
            return Task.CompletedTask;
        });

        var operation = context.RequestServices.GetService<OperationContext>();
        if (operation is not null)
        {
            operation.CorrelationId = requestId;
        }

        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId }))
        {
            await next(context);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex SaneRequestId();
}
