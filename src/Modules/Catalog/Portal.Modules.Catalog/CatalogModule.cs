using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog;

/// <summary>Backstage's software catalog under <c>/api/catalog</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;CatalogModule&gt;(configuration)</c>.</summary>
public sealed class CatalogModule : IPortalModule
{
    public string Schema => "catalog";

    public string BasePath => "/api/catalog";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module)
    {
        module.Database.Migration(1, "entities, search index and relations", CatalogReadModel.Ddl);
        module.Database.Migration(2, "lighter writes: no per-row foreign key on search, relations keyed by origin", CatalogReadModel.WritePathDdl);
        module.Events
            .Add<EntityRegistered>("catalog.entity-registered")
            .Add<EntityUpdated>("catalog.entity-updated")
            .Add<EntityRemoved>("catalog.entity-removed");
        module.Projections.Inline<EntityProjection>();
        module.Services.AddSingleton<EntityReader>();
        module.Services.AddSingleton<ReadVersionCache>();
        module.Services.AddSingleton<EntityPages>();
        module.Services.AddSingleton<EntityQueryRunner>();
    }
}
