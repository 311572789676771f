using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.Http;

// Turns every exception into the calling API's error envelope; only PortalErrors and bad input reach the caller in words.
internal sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("Request {RequestId} was aborted by the client", context.TraceIdentifier);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            var error = ToPortalError(ex, context.TraceIdentifier);
            if (error is InternalServerError)
            {
                logger.LogError(ex, "Request {RequestId} {Method} {Path} failed", context.TraceIdentifier, context.Request.Method, context.Request.Path);
            }

            await ErrorResponses.WriteAsync(context, error);
        }
    }

    private static PortalError ToPortalError(Exception ex, string requestId) => ex switch
    {
        PortalError error => error,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new PayloadTooLargeError("The request body is larger than this server accepts"),
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException bad => new InputError(bad.Message),
        JsonException json => FromJson(json),
        _ => new InternalServerError(requestId),
    };

    // System.Text.Json reports a syntax error through an inner reader exception and a type mismatch without one.
    private static InputError FromJson(JsonException json)
    {
        var where = json.Path is null or "$" ? "" : $" at '{json.Path}'";
        var position = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        if (json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return new InputError($"The request body repeats a property{where}{position}; each property may appear only once");
        }

        return json.InnerException is null or InvalidOperationException or FormatException
            ? new InputError($"The request body has a value of the wrong type{where}{position}; check it against the API's schema")
            : new InputError($"The request body is not well-formed JSON{position}");
    }
}
