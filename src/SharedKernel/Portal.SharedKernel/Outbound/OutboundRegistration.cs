using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.Outbound;

internal static class OutboundRegistration
{
    public static IServiceCollection AddPortalOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
