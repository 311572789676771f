using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.Messaging;

internal static class MessagingRegistration
{
    public static IServiceCollection AddPortalMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
