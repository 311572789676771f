using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Portal.SharedKernel.Logging;

public static class LoggingExtensions
{
    /// <summary>
    /// Routes all logging through Serilog, configured from the <c>Serilog</c> section. Returns a logger factory for the
    /// work done before the host is built (starting the embedded database).
    /// </summary>
    public static ILoggerFactory AddPortalLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // ASP.NET Core's own per-request lines repeat ours and carry the query string, which may hold secrets.
        var logger = new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return new SerilogLoggerFactory(logger);
    }
}
