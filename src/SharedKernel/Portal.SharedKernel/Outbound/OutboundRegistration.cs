using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.Outbound;

internal static class OutboundRegistration
{
    public static IServiceCollection AddPortalOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        // a null name binds the section into every named client's options, before any client's own adjustments
        services.Configure<OutboundOptions>(name: null, configuration.GetSection("Outbound"));
        services.AddOutboundHttpClient(OutboundServiceCollectionExtensions.DefaultClientName);
        return services;
    }
}
