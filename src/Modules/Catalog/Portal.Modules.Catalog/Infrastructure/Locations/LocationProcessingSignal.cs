namespace Portal.Modules.Catalog.Infrastructure.Locations;

// Wakes the processing agent when a location was registered or a refresh asked for, instead of waiting for its next poll.
internal sealed class LocationProcessingSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled; one wake-up serves every request made before the agent looks
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
