using System.Net.Security;

namespace Portal.SharedKernel.Outbound;

/// <summary>
/// Resilience and address policy of outbound HTTP clients, bound from the <c>Outbound</c> configuration section
/// (for example <c>Outbound:Timeout</c>, <c>Outbound:AllowedHosts:0</c>). A named client may adjust its own copy.
/// </summary>
public sealed class OutboundOptions
{
    /// <summary>Total time for a call, including every retry and redirect.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt on transient failures (connection errors, 408, 429, 5xx); 0 disables retries.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the jittered exponential back-off between retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Also retry POST and PATCH, which are not idempotent. Only for endpoints known to deduplicate.</summary>
    public bool RetryNonIdempotent { get; set; }

    /// <summary>Share of failed calls in the sampling window that opens the circuit of a host.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the sampling window before the circuit may open (at least 2).</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting one through.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed (each re-checked against the address policy) before the call is refused.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// <c>host</c> (any port) or <c>host:port</c> (IPv6 as <c>[::1]:8080</c>) that may be reached even when it resolves to a
    /// loopback or private address. Cloud metadata addresses stay refused.
    /// </summary>
    public List<string> AllowedHosts { get; } = [];

    /// <summary>When true, only <see cref="AllowedHosts"/> may be reached at all.</summary>
    public bool AllowOnly { get; set; }

    /// <summary>TLS adjustments such as a private certificate authority or a client certificate (for example a Kubernetes API server).</summary>
    public Action<SslClientAuthenticationOptions>? ConfigureTls { get; set; }
}
