using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Auth;

namespace Portal.SharedKernel.Logging;

// One structured line per request. The query string and headers stay out: they may carry secrets.
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;

            // The arguments are boxed into an array before the logger looks at its level.
            if (logger.IsEnabled(level))
            {
                logger.Log(
                    level,
                    "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms (request {RequestId}, caller {Caller})",
                    context.Request.Method,
                    context.Request.Path.Value,
                    status,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    context.TraceIdentifier,
                    Caller.From(context.User)?.Subject ?? "anonymous");
            }
        }
    }
}
