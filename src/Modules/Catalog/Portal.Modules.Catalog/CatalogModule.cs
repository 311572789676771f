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
        module.Services.AddLocationReading(module.Configuration);
    }
}
