using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.TechDocs;

/// <summary>Backstage TechDocs under <c>/api/techdocs</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;TechDocsModule&gt;(configuration)</c>.</summary>
public sealed class TechDocsModule : IPortalModule
{
    public string Schema => "techdocs";

    public string BasePath => "/api/techdocs";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module)
    {
        // Features register their event names, projections and services here as they are built.
    }
}
