using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.SharedKernel.Outbound;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// Reads http(s) targets through the kernel's outbound client, so the address policy (no loopback, private or metadata
// addresses unless Outbound:AllowedHosts lists them, checked after DNS and on every redirect), retries and circuit
// breaking apply. GitHub and GitLab file pages are fetched in their raw form.
internal sealed class UrlLocationReader(IHttpClientFactory clients, ScmUrls scm, IOptions<LocationOptions> options) : ILocationReader
{
    public const string ClientName = "catalog-locations";

    private readonly int _maxBytes = options.Value.MaxFileBytes;

    public string Type => LocationKey.Url;

    public bool Enabled => true;

    public async Task<byte[]> ReadAsync(string target, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new LocationReadException(LocationReadFailure.Failed, "a url target must be an absolute http or https URL");
        }

        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(scm.RawUrl(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var failure = response.StatusCode == HttpStatusCode.NotFound ? LocationReadFailure.NotFound : LocationReadFailure.Failed;
                throw new LocationReadException(failure, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _maxBytes)
            {
                throw LimitedRead.TooLarge(_maxBytes);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await LimitedRead.ReadAsync(body, _maxBytes, cancellationToken);
        }
        catch (OutboundRequestRefusedException ex)
        {
            throw new LocationReadException(LocationReadFailure.Refused, ex.Message, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException or IOException)
        {
            throw new LocationReadException(LocationReadFailure.Failed, ex.Message, ex);
        }
    }
}
