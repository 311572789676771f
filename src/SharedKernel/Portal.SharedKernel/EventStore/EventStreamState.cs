namespace Portal.SharedKernel.EventStore;

/// <summary>An event waiting in a session, with its id and stable name fixed when it was appended.</summary>
internal sealed record PendingEvent(Guid Id, string TypeName, object Data);

/// <summary>What a session will write to one stream.</summary>
internal sealed class EventStreamState(string streamId, long? expectedVersion, string? aggregateType)
{
    public string StreamId { get; } = streamId;

    /// <summary>The stream's version before these events; 0 starts a new stream, null appends at any version.</summary>
    public long? ExpectedVersion { get; } = expectedVersion;

    public string? AggregateType { get; } = aggregateType;

    public bool IsNew => ExpectedVersion == 0;

    public List<PendingEvent> Events { get; } = [];
}

/// <summary>The handle <see cref="IEventOperations.FetchForWriting{TAggregate}"/> returns.</summary>
internal sealed class EventStream<TAggregate>(IEventOperations operations, string streamId, TAggregate? aggregate, long currentVersion)
    : IEventStream<TAggregate>
    where TAggregate : class
{
    private long _appended;

    public string StreamId { get; } = streamId;

    public TAggregate? Aggregate { get; } = aggregate;

    public long CurrentVersion { get; } = currentVersion;

    public void AppendOne(object @event) => AppendMany(@event);

    public void AppendMany(params object[] events)
    {
        if (CurrentVersion == 0 && _appended == 0)
        {
            operations.StartStream<TAggregate>(StreamId, events);
        }
        else
        {
            operations.Append(StreamId, CurrentVersion + _appended, events);
        }

        _appended += events.Length;
    }
}
