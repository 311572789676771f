using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Scaffolder;

/// <summary>Backstage's scaffolder (software templates) under <c>/api/scaffolder</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;ScaffolderModule&gt;(configuration)</c>.</summary>
public sealed class ScaffolderModule : IPortalModule
{
    public string Schema => "scaffolder";

    public string BasePath => "/api/scaffolder";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module)
    {
        // Features register their event names, projections and services here as they are built.
    }
}
