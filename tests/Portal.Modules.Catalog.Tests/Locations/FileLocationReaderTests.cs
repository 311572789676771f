using System.Text;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class FileLocationReaderTests : IDisposable
{
    private readonly TempCatalog _files = new();
    private readonly LocationReading _reading;

    public FileLocationReaderTests() =>
        _reading = new LocationReading(new Dictionary<string, string?>(_files.AsFileRoot()) { ["Catalog:Locations:MaxFileBytes"] = "100" });

    [Fact]
    public async Task Reads_a_file_below_a_root()
    {
        var path = _files.Write("team/catalog-info.yaml", "kind: Component");

        Assert.Equal("kind: Component", Encoding.UTF8.GetString(await _reading.Readers.ReadAsync(new LocationKey("file", path), CancellationToken.None)));
    }

    [Fact]
    public void File_locations_are_allowed_only_with_roots()
    {
        using var withoutRoots = new LocationReading();

        Assert.Equal(["url", "file"], _reading.Readers.AllowedTypes);
        Assert.Equal(["url"], withoutRoots.Readers.AllowedTypes);
    }

    [Fact]
    public async Task Without_roots_a_file_location_is_refused()
    {
        using var withoutRoots = new LocationReading();

        var error = await withoutRoots.ReadFailureAsync("file", _files.Write("a.yaml", "a: 1"));

        Assert.Equal((LocationReadFailure.Refused, "locations of type 'file' are not allowed"), (error.Failure, error.Message));
    }

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("{root}/../outside.yaml")]
    public async Task A_file_outside_the_roots_is_refused(string target)
    {
        var error = await _reading.ReadFailureAsync("file", target.Replace("{root}", _files.Root));

        Assert.Equal(LocationReadFailure.Refused, error.Failure);
        Assert.Contains("outside the directories in Catalog:Locations:FileRoots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_cannot_lead_out_of_a_root()
    {
        var outside = new TempCatalog();
        var secret = outside.Write("secret.yaml", "kind: Secret");
        File.CreateSymbolicLink(Path.Combine(_files.Root, "file-link.yaml"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_files.Root, "dir-link"), outside.Root);

        var viaFile = await _reading.ReadFailureAsync("file", Path.Combine(_files.Root, "file-link.yaml"));
        var viaDirectory = await _reading.ReadFailureAsync("file", Path.Combine(_files.Root, "dir-link", "secret.yaml"));
        outside.Dispose();

        Assert.Equal((LocationReadFailure.Refused, LocationReadFailure.Refused), (viaFile.Failure, viaDirectory.Failure));
    }

    [Fact]
    public async Task A_symbolic_link_within_the_root_is_followed()
    {
        var real = _files.Write("real/catalog-info.yaml", "a: 1");
        Directory.CreateSymbolicLink(Path.Combine(_files.Root, "alias"), "real");

        var bytes = await _reading.Readers.ReadAsync(new LocationKey("file", Path.Combine(_files.Root, "alias", "catalog-info.yaml")), CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(real), bytes);
    }

    [Theory]
    [InlineData("missing.yaml", "no such file")]
    [InlineData("", "it is a directory, not a file")]
    public async Task A_missing_file_is_not_found(string name, string message)
    {
        var error = await _reading.ReadFailureAsync("file", Path.Combine(_files.Root, name));

        Assert.Equal((LocationReadFailure.NotFound, message), (error.Failure, error.Message));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        var error = await _reading.ReadFailureAsync("file", _files.Write("big.yaml", new string('a', 101)));

        Assert.Equal((LocationReadFailure.TooLarge, "larger than the limit of 100 bytes (Catalog:Locations:MaxFileBytes)"), (error.Failure, error.Message));
    }

    [Fact]
    public async Task A_relative_target_is_refused()
    {
        var error = await _reading.ReadFailureAsync("file", "catalog-info.yaml");

        Assert.Equal("a file target must be an absolute path", error.Message);
    }

    public void Dispose()
    {
        _reading.Dispose();
        _files.Dispose();
    }
}
