using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class UrlLocationReaderTests : IAsyncLifetime
{
    private readonly LocationReading _reading = new(new Dictionary<string, string?>
    {
        ["Catalog:Locations:MaxFileBytes"] = "100",
        ["Catalog:Locations:ReadTimeout"] = "00:00:02",
        ["Catalog:Locations:GitHubHosts:0"] = "127.0.0.1",
    });

    private CatalogFileServer _server = null!;

    public async Task InitializeAsync() => _server = await CatalogFileServer.StartAsync();

    [Fact]
    public async Task Reads_a_url()
    {
        var url = _server.Serve("/catalog-info.yaml", "kind: Component");

        Assert.Equal("kind: Component", Encoding.UTF8.GetString(await _reading.Readers.ReadAsync(new LocationKey("url", url), CancellationToken.None)));
    }

    [Fact]
    public async Task A_blob_url_on_a_GitHub_host_is_read_in_its_raw_form()
    {
        _server.Serve("/acme/svc/raw/main/catalog-info.yaml", "kind: Component");

        var bytes = await _reading.Readers.ReadAsync(new LocationKey("url", _server.Url("/acme/svc/blob/main/catalog-info.yaml")), CancellationToken.None);

        Assert.Equal(("kind: Component", 0), (Encoding.UTF8.GetString(bytes), _server.Hits("/acme/svc/blob/main/catalog-info.yaml")));
    }

    [Fact]
    public async Task A_404_is_not_found_and_other_errors_fail()
    {
        _server.Handle("/broken.yaml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });

        var missing = await _reading.ReadFailureAsync("url", _server.Url("/missing.yaml"));
        var broken = await _reading.ReadFailureAsync("url", _server.Url("/broken.yaml"));

        Assert.Equal((LocationReadFailure.NotFound, "HTTP 404 Not Found"), (missing.Failure, missing.Message));
        Assert.Equal((LocationReadFailure.Failed, "HTTP 500 Internal Server Error"), (broken.Failure, broken.Message));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_whether_or_not_its_length_is_declared()
    {
        var declared = _server.Serve("/declared.yaml", new string('a', 101));
        var streamed = _server.Handle("/streamed.yaml", async context =>
        {
            for (var i = 0; i < 11; i++)
            {
                await context.Response.WriteAsync(new string('a', 10));
                await context.Response.Body.FlushAsync();
            }
        });

        Assert.Equal(LocationReadFailure.TooLarge, (await _reading.ReadFailureAsync("url", declared)).Failure);
        Assert.Equal(LocationReadFailure.TooLarge, (await _reading.ReadFailureAsync("url", streamed)).Failure);
    }

    [Fact]
    public async Task A_slow_source_times_out_without_holding_up_another()
    {
        var slow = _server.Handle("/slow.yaml", async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        var fast = _server.Serve("/fast.yaml", "a: 1");
        var clock = Stopwatch.StartNew();

        var slowRead = _reading.ReadFailureAsync("url", slow);
        await _reading.Readers.ReadAsync(new LocationKey("url", fast), CancellationToken.None);
        var slowStillWaiting = !slowRead.IsCompleted;
        var error = await slowRead;

        Assert.True(slowStillWaiting);
        Assert.Equal((LocationReadFailure.TimedOut, "no answer within 2 s (Catalog:Locations:ReadTimeout)"), (error.Failure, error.Message));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the timeout took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_private_address_not_on_the_allow_list_is_refused_without_a_request()
    {
        using var strict = new LocationReading(allowLoopback: false);
        var url = _server.Serve("/private.yaml", "a: 1");

        var error = await strict.ReadFailureAsync("url", url);

        Assert.Equal(LocationReadFailure.Refused, error.Failure);
        Assert.Contains("loopback address", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Hits("/private.yaml"));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/a.yaml")]
    [InlineData("/relative/a.yaml")]
    public async Task Only_absolute_http_urls_are_read(string target) =>
        Assert.Equal("a url target must be an absolute http or https URL", (await _reading.ReadFailureAsync("url", target)).Message);

    public async Task DisposeAsync()
    {
        _reading.Dispose();
        await _server.DisposeAsync();
    }
}
