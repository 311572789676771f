namespace Portal.Modules.Catalog.Infrastructure.Locations;

internal enum LocationReadFailure
{
    // The target does not exist; a Location with presence "optional" may point at nothing.
    NotFound,
    Refused,
    TooLarge,
    TimedOut,
    Failed,
}

// A location target that could not be read; the message says why, without the location (the caller names it).
internal sealed class LocationReadException(LocationReadFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public LocationReadFailure Failure { get; } = failure;
}
