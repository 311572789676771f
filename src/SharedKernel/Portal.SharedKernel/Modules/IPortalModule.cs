using Portal.SharedKernel.Http;

namespace Portal.SharedKernel.Modules;

/// <summary>
/// A module's front door: its database schema, its base path, the error envelope of its API family,
/// and what it registers. Add one to any ASP.NET Core host with <c>services.AddPortalModule&lt;TModule&gt;(configuration)</c>.
/// </summary>
public interface IPortalModule
{
    /// <summary>The PostgreSQL schema the module owns (lower-case identifier).</summary>
    string Schema { get; }

    /// <summary>Where its HTTP API lives, for example <c>/api/catalog</c>.</summary>
    string BasePath { get; }

    ErrorStyle ErrorStyle { get; }

    void Register(ModuleBuilder module);
}
