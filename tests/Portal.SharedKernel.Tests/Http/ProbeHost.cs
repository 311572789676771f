using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Http;

/// <summary>A bare WebApplication on a TestServer that adds only <see cref="ProbeModule"/>, as another team's host would.</summary>
public class ProbeHost : IAsyncLifetime
{
    public const long MaxBodyBytes = 4096;

    private string _connectionString = "";

    public WebApplication App { get; private set; } = null!;

    /// <summary>Every log line the host wrote, as rendered text.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected virtual IReadOnlyDictionary<string, string?> AuthSettings => TestAuth.Settings;

    public HttpClient Client(string? token = null)
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(AuthSettings)
        {
            ["ConnectionStrings:Portal"] = _connectionString,
            ["Http:MaxRequestBodyBytes"] = MaxBodyBytes.ToString(),
        });
        builder.Logging.ClearProviders().AddProvider(new CapturingLoggerProvider(Logs)).AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddPortalModule<ProbeModule>(builder.Configuration);
        App = builder.Build();
        App.MapPortal();
        await App.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + exception);

        public void Dispose()
        {
        }
    }
}

/// <summary>The same host with no Auth configuration at all: the first-run default.</summary>
public sealed class ProbeHostWithoutAuth : ProbeHost
{
    protected override IReadOnlyDictionary<string, string?> AuthSettings { get; } = new Dictionary<string, string?>();
}
