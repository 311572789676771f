namespace Portal.SharedKernel.EventStore;

// An event waiting in a session, with its id and stable name fixed when it was appended.
internal sealed record PendingEvent(Guid Id, string TypeName, object Data);

// What a session will write to one stream.
internal sealed class EventStreamState(string streamId, long? expectedVersion, string? aggregateType)
{
    public string StreamId { get; } = streamId;

    // The stream's version before these events; 0 starts a new stream, null appends at any version.
    public long? ExpectedVersion { get; } = expectedVersion;

    public string? AggregateType { get; } = aggregateType;

    public bool IsNew => ExpectedVersion == 0;

    public List<PendingEvent> Events { get; } = [];
}

// The handle IEventOperations.FetchForWriting<TAggregate> returns.
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
