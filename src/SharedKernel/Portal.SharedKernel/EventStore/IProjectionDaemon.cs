namespace Portal.SharedKernel.EventStore;

/// <summary>Control of the async projections that the background daemon keeps up to date.</summary>
public interface IProjectionDaemon
{
    /// <summary>Empties the projection's read model (its <c>ResetAsync</c>) and replays every event from the first one.</summary>
    Task RebuildAsync<TProjection>(CancellationToken cancellationToken = default)
        where TProjection : class, IAsyncProjection;

    /// <summary>
    /// Returns once the projection has applied every event committed before the call; throws <see cref="TimeoutException"/>
    /// if that takes longer than <paramref name="timeout"/> (for example while an older transaction is still open).
    /// </summary>
    Task WaitForNonStaleDataAsync<TProjection>(TimeSpan timeout, CancellationToken cancellationToken = default)
        where TProjection : class, IAsyncProjection;
}
