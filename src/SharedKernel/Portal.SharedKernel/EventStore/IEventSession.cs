using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.EventStore;

/// <summary>
/// A unit of work on one module's event store (Marten's session shape). Appends, inline projections and published
/// messages are written in one transaction by <see cref="SaveChangesAsync"/>.
/// </summary>
public interface IEventSession<TModule>
    where TModule : IPortalModule
{
    IEventOperations Events { get; }

    /// <summary>Queues an integration event in the outbox; it is delivered only if <see cref="SaveChangesAsync"/> commits.</summary>
    ValueTask PublishAsync<TMessage>(TMessage message)
        where TMessage : notnull;

    /// <summary>Writes everything queued in one transaction. The session is empty afterwards, whether the save committed
    /// or failed: decide again to retry.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>The event operations of a session.</summary>
public interface IEventOperations
{
    /// <summary>Starts a new stream; saving fails with <c>ConcurrencyError</c> if the id is taken.</summary>
    void StartStream<TAggregate>(string streamId, params object[] events)
        where TAggregate : class;

    /// <summary>Appends expecting the stream to be at <paramref name="expectedVersion"/> (the version before these events).</summary>
    void Append(string streamId, long expectedVersion, params object[] events);

    /// <summary>Appends to an existing stream at whatever version it is.</summary>
    void Append(string streamId, params object[] events);

    /// <summary>Loads an aggregate for a decision; appends through the returned stream expect the version it was loaded at.</summary>
    Task<IEventStream<TAggregate>> FetchForWriting<TAggregate>(string streamId, CancellationToken cancellationToken = default)
        where TAggregate : class;

    /// <summary>Rebuilds an aggregate from its events with its <c>Create</c>/<c>Apply</c> methods; null when the stream does not exist.</summary>
    Task<TAggregate?> AggregateStreamAsync<TAggregate>(string streamId, CancellationToken cancellationToken = default)
        where TAggregate : class;

    Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(string streamId, CancellationToken cancellationToken = default);
}

/// <summary>An aggregate loaded for writing, with the version it was loaded at.</summary>
public interface IEventStream<out TAggregate>
    where TAggregate : class
{
    string StreamId { get; }

    TAggregate? Aggregate { get; }

    /// <summary>0 when the stream does not exist yet.</summary>
    long CurrentVersion { get; }

    void AppendOne(object @event);

    void AppendMany(params object[] events);
}
