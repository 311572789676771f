using Microsoft.AspNetCore.Http.Features;

namespace Portal.SharedKernel.Http;

// Rejects a declared oversized body at once and caps chunked bodies while they are read (Kestrel throws a 413 then).
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, RequestBodyLimit limit)
{
    public const string ConfigurationKey = "Http:MaxRequestBodyBytes";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var maxBytes = limit.MaxBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            throw new PayloadTooLargeError($"The request body is larger than the limit of {maxBytes} bytes");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        return next(context);
    }
}

internal sealed record RequestBodyLimit(long MaxBytes);
