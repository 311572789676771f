using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.EventStore;

namespace Portal.SharedKernel.Modules;

/// <summary>What a module's <see cref="IPortalModule.Register"/> fills in: services, schema DDL, event names and projections.</summary>
public sealed class ModuleBuilder
{
    private readonly List<Type> _inline = [];
    private readonly List<Type> _async = [];

    internal ModuleBuilder(IServiceCollection services, IConfiguration configuration, string schema)
    {
        Services = services;
        Configuration = configuration;
        Database = new DatabaseSchema(schema);
    }

    public IServiceCollection Services { get; }

    public IConfiguration Configuration { get; }

    /// <summary>The module's own versioned DDL, applied after the event store's tables in the same schema.</summary>
    public DatabaseSchema Database { get; }

    public EventTypeRegistry Events { get; } = new();

    public ModuleProjections Projections => new(this);

    internal IReadOnlyList<Type> InlineProjections => _inline;

    internal IReadOnlyList<Type> AsyncProjections => _async;

    /// <summary>Registers the module's projections.</summary>
    public readonly struct ModuleProjections(ModuleBuilder builder)
    {
        public ModuleBuilder Inline<TProjection>()
            where TProjection : class, IInlineProjection
        {
            builder._inline.Add(typeof(TProjection));
            builder.Services.AddSingleton<TProjection>();
            return builder;
        }

        public ModuleBuilder Async<TProjection>()
            where TProjection : class, IAsyncProjection
        {
            builder._async.Add(typeof(TProjection));
            builder.Services.AddSingleton<TProjection>();
            return builder;
        }
    }
}
