using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Marketplace;

/// <summary>The plugin marketplace under <c>/api/marketplace/v1</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;MarketplaceModule&gt;(configuration)</c>.</summary>
public sealed class MarketplaceModule : IPortalModule
{
    public string Schema => "marketplace";

    public string BasePath => "/api/marketplace/v1";

    public ErrorStyle ErrorStyle => ErrorStyle.Marketplace;

    public void Register(ModuleBuilder module)
    {
        // Features register their event names, projections and services here as they are built.
    }
}
