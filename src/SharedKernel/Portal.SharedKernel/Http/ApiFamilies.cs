using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Http;

// Which registered module (and so which API family and envelope) a request path belongs to.
internal sealed class ApiFamilies(IEnumerable<ModuleDescriptor> modules)
{
    private readonly ModuleDescriptor[] _byLongestBasePath = [.. modules.OrderByDescending(m => m.BasePath.Length)];

    public ModuleDescriptor? Find(PathString path) =>
        _byLongestBasePath.FirstOrDefault(m => path.StartsWithSegments(m.BasePath, StringComparison.OrdinalIgnoreCase));

    public ErrorStyle StyleOf(PathString path) => Find(path)?.ErrorStyle ?? ErrorStyle.Backstage;
}
