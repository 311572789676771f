using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// The whole Portal host over a fresh database of the shared test cluster: one per test class
/// (<c>IClassFixture&lt;PortalApp&gt;</c>). Tests inside a class use fresh names and ids instead of wiping data.
/// </summary>
public class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new(TestAuth.Settings)
    {
        ["Outbound:AllowedHosts:0"] = "127.0.0.1",
        ["Outbound:AllowedHosts:1"] = "localhost",
    };

    public string ConnectionString { get; private set; } = "";

    /// <summary>Adds or overrides a configuration value before the host starts (call from a derived fixture's constructor).</summary>
    protected void Configure(string key, string? value) => _settings[key] = value;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        _settings["ConnectionStrings:Portal"] = ConnectionString;
        _ = Server; // start the host now, so schema set-up is not charged to the first test
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    public HttpClient CreateClientWithServiceToken() => WithBearer(CreateClient(), TestAuth.ServiceToken);

    public HttpClient CreateClientWithUserToken(string subject = TestAuth.DefaultUser) => WithBearer(CreateClient(), TestAuth.UserToken(subject));

    public HttpClient CreateClientWithToken(string token) => WithBearer(CreateClient(), token);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static HttpClient WithBearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
