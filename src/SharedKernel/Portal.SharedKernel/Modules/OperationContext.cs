namespace Portal.SharedKernel.Modules;

/// <summary>
/// Who and what the current unit of work serves: set by the HTTP pipeline for a request and by the bus for a
/// delivered message, read by the event store for event metadata. Scoped.
/// </summary>
public sealed class OperationContext
{
    public string? CorrelationId { get; set; }

    public string? CausationId { get; set; }

    /// <summary>The authenticated subject (a user entity ref or a service name), or null when anonymous.</summary>
    public string? User { get; set; }

    public bool IsService { get; set; }

    /// <summary>Carries this operation into another scope, so work split across scopes is recorded as the same caller's.</summary>
    public void CopyTo(OperationContext other)
    {
        ArgumentNullException.ThrowIfNull(other);
        (other.CorrelationId, other.CausationId, other.User, other.IsService) = (CorrelationId, CausationId, User, IsService);
    }
}
