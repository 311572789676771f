using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;
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
        module.Database.Migration(1, "entities, search index and relations", Projections.CatalogReadModel.Ddl);
        module.Database.Migration(2, "locations, their files and the entities they provide", Projections.LocationReadModel.Ddl);
        module.Events
            .Add<LocationRegistered>("catalog.location-registered")
            .Add<LocationRefreshRequested>("catalog.location-refresh-requested")
            .Add<LocationSourceRead>("catalog.location-source-read")
            .Add<LocationSourceDropped>("catalog.location-source-dropped")
            .Add<LocationStatusChanged>("catalog.location-status-changed")
            .Add<LocationRemoved>("catalog.location-removed");
        module.Projections.Inline<Projections.LocationProjection>();
        module.Services.AddLocationReading(module.Configuration);
        module.Services.AddSingleton<Projections.LocationReader>();
    }
}
