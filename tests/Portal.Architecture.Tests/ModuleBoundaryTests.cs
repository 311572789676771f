using System.Xml.Linq;
using Portal.SharedKernel.Modules;

namespace Portal.Architecture.Tests;

public sealed class ModuleBoundaryTests
{
    private static readonly HashSet<string> ImplementationNames = Modules.Implementations.Select(a => a.GetName().Name!).ToHashSet();

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_references_no_other_module_implementation(string module)
    {
        var assembly = Modules.Implementation(module);

        Assert.DoesNotContain(assembly.GetReferencedAssemblies().Select(r => r.Name!), ImplementationNames.Contains);
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_module_exports_only_its_front_door(string module)
    {
        var exported = Modules.Implementation(module).GetExportedTypes();

        var frontDoor = Assert.Single(exported);
        Assert.Equal($"{module}Module", frontDoor.Name);
        Assert.True(typeof(IPortalModule).IsAssignableFrom(frontDoor), $"{frontDoor.Name} does not implement IPortalModule");
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void Contracts_reference_only_the_framework_and_the_shared_kernel(string module)
    {
        var references = Modules.Contracts(module).GetReferencedAssemblies().Select(r => r.Name!);

        Assert.DoesNotContain(references, name => !IsFramework(name) && name != "Portal.SharedKernel");
    }

    [Fact]
    public void The_shared_kernel_references_no_module()
    {
        var references = typeof(IPortalModule).Assembly.GetReferencedAssemblies().Select(r => r.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith("Portal.Modules.", StringComparison.Ordinal));
    }

    // Compiled metadata drops references the code does not use, so the project files are checked as written.
    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void No_module_project_references_another_module_implementation_project(string module)
    {
        var projects = Directory.GetFiles(Path.Combine(Modules.SourceFolder(), module), "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(projects);

        var violations =
            from project in projects
            from reference in XDocument.Load(project).Descendants("ProjectReference")
            let target = Path.GetFileNameWithoutExtension(reference.Attribute("Include")?.Value.Replace('\\', '/') ?? "")
            where ImplementationNames.Contains(target) && target != $"Portal.Modules.{module}"
            select $"{Path.GetFileName(project)} -> {target}";

        Assert.Empty(violations);
    }

    [Theory]
    [MemberData(nameof(Modules.Names), MemberType = typeof(Modules))]
    public void A_contracts_project_references_no_module_implementation_project(string module)
    {
        var project = Path.Combine(Modules.SourceFolder(), module, $"Portal.Modules.{module}.Contracts", $"Portal.Modules.{module}.Contracts.csproj");

        var targets = XDocument.Load(project).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")?.Value.Replace('\\', '/') ?? ""));

        Assert.DoesNotContain(targets, ImplementationNames.Contains);
    }

    private static bool IsFramework(string name) =>
        name is "System" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
}
