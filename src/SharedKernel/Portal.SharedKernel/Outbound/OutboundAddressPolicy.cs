using System.Net;
using System.Net.Sockets;

namespace Portal.SharedKernel.Outbound;

// Decides which hosts and addresses one named client may reach. URLs are checked before sending (fast refusal without
// DNS), and the resolved addresses again when a connection is opened, so DNS cannot point an allowed name inward.
internal sealed class OutboundAddressPolicy(OutboundOptions options)
{
    private readonly AllowedHost[] _allowed = options.AllowedHosts.Select(AllowedHost.Parse).ToArray();

    public void EnsureAllowed(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
        {
            throw new OutboundRequestRefusedException(uri.IsAbsoluteUri ? uri.IdnHost : uri.OriginalString, "only http and https URLs may be called");
        }

        var host = uri.IdnHost;
        var listed = IsListed(host, uri.Port);
        if (!listed && options.AllowOnly)
        {
            throw NotListed(host);
        }

        if (IPAddress.TryParse(host, out var literal) && Refusal(literal, listed) is { } reason)
        {
            throw new OutboundRequestRefusedException(host, $"{literal} is a {reason}");
        }
    }

    // SocketsHttpHandler.ConnectCallback: resolve, keep the allowed addresses, connect to the first that answers.
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var listed = IsListed(host, port);
        if (!listed && options.AllowOnly)
        {
            throw NotListed(host);
        }

        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => Refusal(a, listed) is null).ToArray();
        if (allowed.Length == 0)
        {
            var refused = string.Join(", ", addresses.Select(a => $"{a} is a {Refusal(a, listed)}"));
            throw new OutboundRequestRefusedException(host, $"it resolves only to refused addresses ({refused})");
        }

        SocketException? lastFailure = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastFailure!;
    }

    // Listing a host opens loopback and private ranges for it, never the metadata endpoints.
    private static string? Refusal(IPAddress address, bool listed) =>
        AddressRanges.RefusalReason(address) is { } reason && (!listed || reason == AddressRanges.CloudMetadata) ? reason : null;

    private bool IsListed(string host, int port) => _allowed.Any(a => a.Matches(host, port));

    private static OutboundRequestRefusedException NotListed(string host) =>
        new(host, "the host is not in Outbound:AllowedHosts and Outbound:AllowOnly is true");

    private sealed record AllowedHost(string Host, int? Port)
    {
        public static AllowedHost Parse(string entry)
        {
            var text = entry.Trim();
            if (text.StartsWith('['))
            {
                var close = text.IndexOf(']', StringComparison.Ordinal);
                var rest = text[(close + 1)..];
                return new AllowedHost(text[1..close], rest.StartsWith(':') ? int.Parse(rest[1..]) : null);
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && colon == text.LastIndexOf(':')
                ? new AllowedHost(text[..colon], int.Parse(text[(colon + 1)..]))
                : new AllowedHost(text, null);
        }

        public bool Matches(string host, int port) =>
            string.Equals(Host, host, StringComparison.OrdinalIgnoreCase) && (Port is null || Port == port);
    }
}
