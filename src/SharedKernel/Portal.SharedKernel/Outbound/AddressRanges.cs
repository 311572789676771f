using System.Net;
using System.Net.Sockets;

namespace Portal.SharedKernel.Outbound;

// Addresses a public-facing portal must not be steered into (server-side request forgery).
internal static class AddressRanges
{
    public const string CloudMetadata = "cloud metadata address";

    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    // Why the address is refused, or null when it is a public unicast address.
    public static string? RefusalReason(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return RefusalReason(address.MapToIPv4());
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? V4(address.GetAddressBytes()) : V6(address);
    }

    private static string? V4(byte[] b) => b switch
    {
        [169, 254, 169, 254] => CloudMetadata,
        [0, ..] => "unspecified address",
        [127, ..] => "loopback address",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private address",
        [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT) address",
        [169, 254, ..] => "link-local address",
        [>= 224 and <= 239, ..] => "multicast address",
        [>= 240, ..] => "reserved address",
        _ => null,
    };

    private static string? V6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(AwsMetadataV6))
        {
            return CloudMetadata;
        }

        // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach the embedded IPv4 address
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback)
            || b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return V4(b[12..]);
        }

        return address switch
        {
            _ when address.Equals(IPAddress.IPv6Any) => "unspecified address",
            _ when address.Equals(IPAddress.IPv6Loopback) => "loopback address",
            _ when (b[0] & 0xfe) == 0xfc => "private (unique local) address",
            { IsIPv6LinkLocal: true } => "link-local address",
            { IsIPv6SiteLocal: true } => "site-local address",
            { IsIPv6Multicast: true } => "multicast address",
            _ => null,
        };
    }
}
