namespace Portal.SharedKernel.Errors;

/// <summary>
/// An error a caller can act on. The HTTP layer turns it into the calling API's error envelope:
/// <see cref="Name"/> is Backstage's error name, <see cref="Code"/> the marketplace's error code.
/// </summary>
public abstract class PortalError(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public abstract int StatusCode { get; }

    public abstract string Name { get; }

    public virtual string Code { get; init; } = "ERROR";

    /// <summary>Extra machine-readable facts (for example every failed field); never secrets.</summary>
    public virtual IReadOnlyDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>();
}

/// <summary>One failed rule of a request field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Bad input: 400.</summary>
public sealed class InputError(string message, IReadOnlyList<FieldError>? fields = null) : PortalError(message)
{
    public override int StatusCode => 400;

    public override string Name => "InputError";

    public override string Code { get; init; } = "VALIDATION_ERROR";

    public IReadOnlyList<FieldError> Fields { get; } = fields ?? [];

    public override IReadOnlyDictionary<string, object?> Details =>
        Fields.Count == 0
            ? base.Details
            : new Dictionary<string, object?> { ["fields"] = Fields.Select(f => new { field = f.Field, message = f.Message }).ToArray() };

    public static InputError FromFields(IReadOnlyList<FieldError> fields) =>
        new(string.Join("; ", fields.Select(f => string.IsNullOrEmpty(f.Field) ? f.Message : $"{f.Field}: {f.Message}")), fields);
}

/// <summary>Missing or bad credentials: 401.</summary>
public sealed class AuthenticationError(string message) : PortalError(message)
{
    public override int StatusCode => 401;

    public override string Name => "AuthenticationError";

    public override string Code { get; init; } = "UNAUTHORIZED";
}

/// <summary>Known caller, not allowed: 403.</summary>
public sealed class NotAllowedError(string message) : PortalError(message)
{
    public override int StatusCode => 403;

    public override string Name => "NotAllowedError";

    public override string Code { get; init; } = "FORBIDDEN";
}

/// <summary>Nothing at that address: 404.</summary>
public sealed class NotFoundError(string message) : PortalError(message)
{
    public override int StatusCode => 404;

    public override string Name => "NotFoundError";

    public override string Code { get; init; } = "NOT_FOUND";
}

/// <summary>The request clashes with what is stored: 409.</summary>
public class ConflictError(string message, Exception? innerException = null) : PortalError(message, innerException)
{
    public override int StatusCode => 409;

    public override string Name => "ConflictError";

    public override string Code { get; init; } = "CONFLICT";
}

/// <summary>An append stated a stream version that is no longer current.</summary>
public sealed class ConcurrencyError(string streamId, long expectedVersion, long? actualVersion)
    : ConflictError(actualVersion is null
        ? $"Stream '{streamId}' was expected at version {expectedVersion} but does not exist"
        : $"Stream '{streamId}' was expected at version {expectedVersion} but is at version {actualVersion}")
{
    public string StreamId { get; } = streamId;

    public long ExpectedVersion { get; } = expectedVersion;

    public long? ActualVersion { get; } = actualVersion;
}
