using Microsoft.Extensions.Options;
using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Infrastructure.Locations;

// Reads files on the host, only below Catalog:Locations:FileRoots: a registered location is chosen by an API caller,
// and without roots the catalog would read (and quote in its errors) any file the server process can. The check runs on
// the path with every symbolic link resolved, so a link inside a root cannot lead out of it.
internal sealed class FileLocationReader(IOptions<LocationOptions> options) : ILocationReader
{
    private const int MaxLinks = 40;

    private readonly string[] _roots = options.Value.FileRoots.Select(root => RealPath(Path.GetFullPath(root))).ToArray();
    private readonly int _maxBytes = options.Value.MaxFileBytes;

    public string Type => LocationKey.File;

    public bool Enabled => _roots.Length > 0;

    public async Task<byte[]> ReadAsync(string target, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            throw new LocationReadException(LocationReadFailure.Refused, "file locations are not enabled (Catalog:Locations:FileRoots is empty)");
        }

        if (!Path.IsPathFullyQualified(target))
        {
            throw new LocationReadException(LocationReadFailure.Failed, "a file target must be an absolute path");
        }

        try
        {
            var path = RealPath(target);
            if (!_roots.Any(root => path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
            {
                throw new LocationReadException(LocationReadFailure.Refused, "the file is outside the directories in Catalog:Locations:FileRoots");
            }

            var file = new FileInfo(path);
            if (!file.Exists)
            {
                throw new LocationReadException(LocationReadFailure.NotFound, Directory.Exists(path) ? "it is a directory, not a file" : "no such file");
            }

            if (file.Length > _maxBytes)
            {
                throw LimitedRead.TooLarge(_maxBytes);
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
            return await LimitedRead.ReadAsync(stream, _maxBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LocationReadException(LocationReadFailure.Failed, ex.Message, ex);
        }
    }

    // The path with "." and ".." applied and every symbolic link replaced by its target, like realpath(3); parts that
    // do not exist are kept as written.
    private static string RealPath(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = "/";
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }

            var candidate = Path.Join(resolved, part);
            if (new FileInfo(candidate).LinkTarget is not { } link)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"more than {MaxLinks} symbolic links in {path}");
            }

            resolved = link.StartsWith('/') ? "/" : resolved;
            foreach (var linked in link.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(linked);
            }
        }

        return resolved;
    }
}
