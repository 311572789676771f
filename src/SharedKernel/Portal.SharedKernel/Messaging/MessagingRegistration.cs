using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.SharedKernel.Messaging;

internal static class MessagingRegistration
{
    public static IServiceCollection AddPortalMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(BusSchema.Create());
        services.AddSingleton(_ => DeliveryOptions.From(configuration));
        services.AddSingleton<MessageRoutes>();
        services.AddSingleton<OutboxListener>();
        services.AddSingleton<MessageHandlerRunner>();
        services.AddScoped<IOutbox, PostgresOutbox>();
        services.AddScoped<IMessageBus, MessageBus>();
        services.AddHostedService<DurableDeliveryAgent>();
        return services;
    }
}
