using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Che;

/// <summary>The Eclipse Che workspace launcher under <c>/api/che-launcher</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;CheModule&gt;(configuration)</c>.</summary>
public sealed class CheModule : IPortalModule
{
    public string Schema => "che";

    public string BasePath => "/api/che-launcher";

    public ErrorStyle ErrorStyle => ErrorStyle.Plugin;

    public void Register(ModuleBuilder module)
    {
        // Features register their event names, projections and services here as they are built.
    }
}
