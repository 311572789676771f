namespace Portal.Modules.Catalog.Infrastructure.Locations;

// Reads the bytes behind one location type's targets, at most Catalog:Locations:MaxFileBytes of them.
internal interface ILocationReader
{
    string Type { get; }

    // Whether this type may be registered and followed here at all.
    bool Enabled { get; }

    // Throws LocationReadException when the target cannot be read.
    Task<byte[]> ReadAsync(string target, CancellationToken cancellationToken);
}
