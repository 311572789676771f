using System.Reflection;
using Portal.Modules.Catalog;
using Portal.Modules.Che;
using Portal.Modules.DevLake;
using Portal.Modules.Marketplace;
using Portal.Modules.Scaffolder;
using Portal.Modules.TechDocs;

namespace Portal.Architecture.Tests;

/// <summary>The six modules: implementation assemblies, their Contracts assemblies, and where their sources live.</summary>
internal static class Modules
{
    public static readonly IReadOnlyDictionary<string, Type> EntryPoints = new Dictionary<string, Type>
    {
        ["Catalog"] = typeof(CatalogModule),
        ["TechDocs"] = typeof(TechDocsModule),
        ["Scaffolder"] = typeof(ScaffolderModule),
        ["Che"] = typeof(CheModule),
        ["DevLake"] = typeof(DevLakeModule),
        ["Marketplace"] = typeof(MarketplaceModule),
    };

    public static TheoryData<string> Names => [.. EntryPoints.Keys];

    public static IEnumerable<Assembly> Implementations => EntryPoints.Values.Select(t => t.Assembly);

    public static Assembly Implementation(string module) => EntryPoints[module].Assembly;

    // Contracts assemblies may hold no types yet, so they are loaded by name (the project references copy them here).
    public static Assembly Contracts(string module) => Assembly.Load(new AssemblyName($"Portal.Modules.{module}.Contracts"));

    public static string SourceFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Modules");
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Portal.sln");
    }
}
