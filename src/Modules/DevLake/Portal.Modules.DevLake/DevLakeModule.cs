using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.DevLake;

/// <summary>Apache DevLake DORA metrics under <c>/api/devlake</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;DevLakeModule&gt;(configuration)</c>.</summary>
public sealed class DevLakeModule : IPortalModule
{
    public string Schema => "devlake";

    public string BasePath => "/api/devlake";

    public ErrorStyle ErrorStyle => ErrorStyle.Plugin;

    public void Register(ModuleBuilder module)
    {
        // Features register their event names, projections and services here as they are built.
    }
}
