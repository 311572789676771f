using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.EventStore;

internal static class EventStoreRegistration
{
    public static IServiceCollection AddPortalEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
