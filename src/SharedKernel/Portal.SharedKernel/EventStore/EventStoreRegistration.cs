using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.EventStore;

internal static class EventStoreRegistration
{
    public static IServiceCollection AddPortalEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        // First hosted service of the kernel: every schema exists before any agent or request touches it.
        services.AddHostedService<SchemaMigrator>();
        services.AddScoped(typeof(IEventSession<>), typeof(EventSession<>));
        services.AddSingleton<ProjectionRunner>();
        services.AddSingleton<IProjectionDaemon>(sp => sp.GetRequiredService<ProjectionRunner>());
        services.AddHostedService<AsyncProjectionDaemon>();
        return services;
    }
}
