namespace Portal.SharedKernel.Outbound;

/// <summary>
/// The outbound address policy refused a request before anything was sent: a scheme other than http(s), a host outside
/// the allow-list, an address in a loopback, private, link-local or metadata range, an https→http redirect or too many
/// redirects. It is never retried.
/// </summary>
public sealed class OutboundRequestRefusedException(string host, string reason)
    : HttpRequestException($"Outbound request to '{host}' refused: {reason}")
{
    public string Host { get; } = host;

    public string Reason { get; } = reason;
}
