using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

// A real Kestrel server on 127.0.0.1 serving catalog files by path; anything else is a 404.
internal sealed class CatalogFileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private LoopbackServer _server = null!;

    public Uri BaseAddress => _server.BaseAddress;

    public static async Task<CatalogFileServer> StartAsync()
    {
        var files = new CatalogFileServer();
        files._server = await LoopbackServer.StartAsync((context, _) => files.RespondAsync(context));
        return files;
    }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    // Serves text at a path; returns its URL.
    public string Serve(string path, string text) => Handle(path, context => context.Response.WriteAsync(text));

    public string Handle(string path, RequestDelegate respond)
    {
        _routes[path] = respond;
        return Url(path);
    }

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task RespondAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _hits.AddOrUpdate(path, 1, (_, count) => count + 1);
        if (_routes.TryGetValue(path, out var respond))
        {
            return respond(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
