using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Mediator;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Outbound;
using Portal.SharedKernel.Postgres;

namespace Portal.SharedKernel.Modules;

/// <summary>Composition: the kernel once, then one call per module. A host may add any subset of modules.</summary>
public static partial class PortalServiceCollectionExtensions
{
    private sealed class KernelMarker;

    /// <summary>Registers the mediator, database, event store, bus, HTTP plumbing and outbound HTTP. Safe to call more than once.</summary>
    public static IServiceCollection AddPortalKernel(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(KernelMarker)))
        {
            return services;
        }

        services.AddSingleton<KernelMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OperationContext>();
        services.AddScoped<ISender, Sender>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ConcurrencyRetryBehavior<,>));
        services.AddPortalDatabase(configuration);
        services.AddPortalEventStore(configuration);
        services.AddPortalMessaging(configuration);
        services.AddPortalHttp(configuration);
        services.AddPortalOutbound(configuration);
        return services;
    }

    /// <summary>Adds one module: its schema, event types, projections, handlers, validators, message handlers and endpoints.</summary>
    public static IServiceCollection AddPortalModule<TModule>(this IServiceCollection services, IConfiguration configuration)
        where TModule : class, IPortalModule, new()
    {
        services.AddPortalKernel(configuration);
        if (services.Any(d => d.ServiceType == typeof(TModule)))
        {
            return services;
        }

        var module = new TModule();
        if (!SchemaName().IsMatch(module.Schema))
        {
            throw new InvalidOperationException($"{typeof(TModule).Name}.Schema '{module.Schema}' is not a lower-case SQL identifier");
        }

        var builder = new ModuleBuilder(services, configuration, module.Schema);
        module.Register(builder);

        services.AddSingleton(module);
        services.AddSingleton(new ModuleDescriptor(
            typeof(TModule), module.Schema, module.BasePath.TrimEnd('/'), module.ErrorStyle, typeof(TModule).Assembly,
            builder.Events, builder.Database, builder.InlineProjections, builder.AsyncProjections));
        // The event store's tables come first: the module's own DDL may reference them.
        services.AddSingleton(EventStoreDdl.For(module.Schema));
        services.AddSingleton(builder.Database);
        RegisterByScan(services, typeof(TModule));
        return services;
    }

    private static void RegisterByScan(IServiceCollection services, Type moduleType)
    {
        var types = moduleType.Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false });
        foreach (var type in types)
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>))
                {
                    services.AddTransient(contract, type);
                }
                else if (definition == typeof(IValidator<>))
                {
                    // Validators hold only their rules, and building the rules costs more than most validations.
                    services.AddSingleton(contract, type);
                }
                else if (definition == typeof(IMessageHandler<>))
                {
                    services.AddScoped(contract, type);
                    services.AddScoped(type);
                    services.AddSingleton(new MessageSubscription(contract.GetGenericArguments()[0], type, moduleType));
                }
            }

            if (typeof(IEndpointModule).IsAssignableFrom(type))
            {
                services.AddSingleton(typeof(IEndpointModule), type);
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
