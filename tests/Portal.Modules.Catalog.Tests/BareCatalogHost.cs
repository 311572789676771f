using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog.Tests;

// Another team's ASP.NET Core host that takes the catalog in process: the kernel and CatalogModule, no Portal host.
internal static class BareCatalogHost
{
    public static async Task<WebApplication> StartAsync(string connectionString, Action<IServiceCollection, IConfiguration>? addMore = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Portal"] = connectionString;
        builder.Services.AddPortalKernel(builder.Configuration).AddPortalModule<CatalogModule>(builder.Configuration);
        addMore?.Invoke(builder.Services, builder.Configuration);
        var app = builder.Build();
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            // A start refused by configuration would otherwise leave the built host holding its services.
            await app.DisposeAsync();
            throw;
        }
    }
}
