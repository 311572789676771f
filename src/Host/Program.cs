using Portal.Modules.Catalog;
using Portal.Modules.Che;
using Portal.Modules.DevLake;
using Portal.Modules.Marketplace;
using Portal.Modules.Scaffolder;
using Portal.Modules.TechDocs;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Logging;
using Portal.SharedKernel.Modules;
using Portal.SharedKernel.Postgres;

var builder = WebApplication.CreateBuilder(args);
var loggerFactory = builder.AddPortalLogging();
var hostRunning = false;
try
{
    await builder.UseEmbeddedPostgresWhenNoConnectionStringAsync(loggerFactory);

    builder.Services
        .AddPortalModule<CatalogModule>(builder.Configuration)
        .AddPortalModule<TechDocsModule>(builder.Configuration)
        .AddPortalModule<ScaffolderModule>(builder.Configuration)
        .AddPortalModule<CheModule>(builder.Configuration)
        .AddPortalModule<DevLakeModule>(builder.Configuration)
        .AddPortalModule<MarketplaceModule>(builder.Configuration);

    var app = builder.Build();
    app.MapPortal();
    hostRunning = true;
    await app.RunAsync();
    return 0;
}
catch (Exception error) when (error is not HostAbortedException)
{
    // An exception out of Main aborts the process without ProcessExit, which is what stops the embedded PostgreSQL
    // started above; left running, it would make the next start fail on its data directory. Tests stop the host
    // after Build with HostAbortedException, which must pass. The running host has already logged its own failure
    // with the stack; what failed before it (the database, the modules) is logged here, once.
    var logger = loggerFactory.CreateLogger("Portal.Host");
    if (hostRunning)
    {
        logger.LogCritical("Portal stopped: {Reason}", error.Message);
    }
    else
    {
        logger.LogCritical(error, "Portal could not start");
    }

    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
