using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.Http;

// The request body is larger than Http:MaxRequestBodyBytes: 413.
internal sealed class PayloadTooLargeError(string message) : PortalError(message)
{
    public override int StatusCode => 413;

    public override string Name => "PayloadTooLargeError";

    public override string Code { get; init; } = "PAYLOAD_TOO_LARGE";
}

// The caller is past its rate limit: 429.
internal sealed class TooManyRequestsError(string message) : PortalError(message)
{
    public override int StatusCode => 429;

    public override string Name => "TooManyRequestsError";

    public override string Code { get; init; } = "RATE_LIMITED";
}

// Something failed that the caller cannot fix: 500, with a message that reveals nothing internal.
internal sealed class InternalServerError(string requestId)
    : PortalError($"An unexpected error occurred. Quote request id {requestId} when reporting it.")
{
    public override int StatusCode => 500;

    public override string Name => "Error";

    public override string Code { get; init; } = "INTERNAL_ERROR";
}
