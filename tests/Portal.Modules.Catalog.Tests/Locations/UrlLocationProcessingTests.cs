using System.Net;
using Microsoft.AspNetCore.Http;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

// Url locations served by a real HTTP server on 127.0.0.1: ingestion, an unreachable source, a slow one.
public sealed class UrlLocationProcessingTests(LocationsApp app) : IClassFixture<LocationsApp>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private CatalogFileServer _server = null!;

    public async Task InitializeAsync() => _server = await CatalogFileServer.StartAsync();

    private string Name(string name) => $"{name}-{_run}";

    [Fact]
    public async Task A_url_tree_is_ingested_and_a_failing_server_keeps_what_it_gave()
    {
        var failing = false;
        var root = _server.Handle("/repo/catalog-info.yaml", context =>
        {
            context.Response.StatusCode = failing ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return failing ? Task.CompletedTask : context.Response.WriteAsync(Yaml.Documents(Yaml.Component(Name("web")), Yaml.Location(Name("sub"), "./sub/more.yaml")));
        });
        var sub = _server.Serve("/repo/sub/more.yaml", Yaml.Component(Name("web-sub")));
        var id = await _client.RegisteredIdAsync("url", root);
        await app.ProcessAsync(id);

        var webSub = (await app.EntityAsync("component", Name("web-sub")))!;
        Assert.Equal(($"url:{sub}", $"url:{root}", sub), (webSub.Annotation("backstage.io/managed-by-location"), webSub.Annotation("backstage.io/managed-by-origin-location"), webSub.Annotation("backstage.io/view-url")));

        failing = true;
        var processed = await app.ProcessAsync(id);

        // the message depends on whether the retries or an opened circuit gave up first
        Assert.StartsWith($"url:{root}: Unable to read: ", Assert.Single(processed!.Errors), StringComparison.Ordinal);
        Assert.NotNull(await app.EntityAsync("component", Name("web")));
        Assert.NotNull(await app.EntityAsync("component", Name("web-sub")));
    }

    [Fact]
    public async Task A_slow_location_does_not_hold_up_the_others()
    {
        var slow = false;
        var hanging = 0;
        var released = 0;
        var slowUrl = _server.Handle("/slow.yaml", async context =>
        {
            if (slow)
            {
                Interlocked.Increment(ref hanging);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                finally
                {
                    Interlocked.Increment(ref released);
                }
            }

            await context.Response.WriteAsync(Yaml.Component(Name("slow")));
        });
        var fastText = Yaml.Component(Name("fast"));
        var fastUrl = _server.Handle("/fast.yaml", context => context.Response.WriteAsync(fastText));
        await app.ProcessAsync(await _client.RegisteredIdAsync("url", slowUrl));
        await app.ProcessAsync(await _client.RegisteredIdAsync("url", fastUrl));

        slow = true;
        fastText = Yaml.Component(Name("fast"), owner: "team-fast");
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/refresh", new { entityRef = $"component:default/{Name("slow")}" })).StatusCodeShouldBe(HttpStatusCode.OK);
        await Background.Eventually(() => Task.FromResult(Volatile.Read(ref hanging) > 0), "the slow source is being read");
        (await _client.Scenario(HttpMethod.Post, "/api/catalog/refresh", new { entityRef = $"component:default/{Name("fast")}" })).StatusCodeShouldBe(HttpStatusCode.OK);

        await Background.Eventually(async () => (await app.EntityAsync("component", Name("fast")))?.Text("spec.owner") == "team-fast", "the fast location was processed");
        Assert.True(Volatile.Read(ref hanging) > Volatile.Read(ref released), "the slow source was still being read");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
