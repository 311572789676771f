namespace Portal.Modules.Catalog.Tests.Locations;

// A temporary directory of catalog files, deleted afterwards.
internal sealed class TempCatalog : IDisposable
{
    public TempCatalog() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"portal-catalog-{Guid.NewGuid():N}");

    // Writes a file below the root (folders created); returns its absolute path.
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Replace(path, text);
        return path;
    }

    // Swaps the whole file in at once, as git checkouts and most editors do: the location agent may read it at any moment
    // (a registration wakes it), and a file caught half-written would read as one without its entities.
    public static void Replace(string path, string text)
    {
        var written = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(written, text);
        File.Move(written, path, overwrite: true);
    }

    public Dictionary<string, string?> AsFileRoot() => new() { ["Catalog:Locations:FileRoots:0"] = Root };

    // The host fixture is disposed both as IAsyncLifetime and as IDisposable, so this runs twice.
    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
