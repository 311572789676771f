namespace Portal.Modules.Catalog.Infrastructure.Locations;

internal static class LimitedRead
{
    // Reads a whole stream, or fails as soon as it holds more than maxBytes; a declared length is not trusted.
    public static async Task<byte[]> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static LocationReadException TooLarge(int maxBytes) =>
        new(LocationReadFailure.TooLarge, $"larger than the limit of {maxBytes} bytes (Catalog:Locations:MaxFileBytes)");
}
