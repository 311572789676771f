using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.EventStore;

// One module's unit of work: queued appends and messages are written in one transaction with the inline projections.
internal sealed class EventSession<TModule>(
    NpgsqlDataSource database, IEnumerable<ModuleDescriptor> modules, OperationContext operation, IServiceProvider services)
    : IEventSession<TModule>, IEventOperations
    where TModule : IPortalModule
{
    private readonly EventSerializer _serializer = EventSerializer.For<TModule>(modules);
    private readonly Dictionary<string, EventStreamState> _streams = new(StringComparer.Ordinal);
    private readonly List<object> _messages = [];

    public IEventOperations Events => this;

    public ValueTask PublishAsync<TMessage>(TMessage message)
        where TMessage : notnull
    {
        _messages.Add(message);
        return ValueTask.CompletedTask;
    }

    public void StartStream<TAggregate>(string streamId, params object[] events)
        where TAggregate : class
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (_streams.ContainsKey(streamId))
        {
            throw new InvalidOperationException($"Stream '{streamId}' already has pending events in this session");
        }

        Queue(new EventStreamState(streamId, 0, typeof(TAggregate).Name), events);
    }

    public void Append(string streamId, long expectedVersion, params object[] events)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (!_streams.TryGetValue(streamId, out var state))
        {
            Queue(new EventStreamState(streamId, expectedVersion, null), events);
        }
        else if (state.ExpectedVersion + state.Events.Count == expectedVersion)
        {
            Queue(state, events);
        }
        else
        {
            throw new InvalidOperationException(
                $"Stream '{streamId}' already has pending events in this session that do not end at version {expectedVersion}");
        }
    }

    public void Append(string streamId, params object[] events)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        Queue(_streams.GetValueOrDefault(streamId) ?? new EventStreamState(streamId, null, null), events);
    }

    public async Task<IEventStream<TAggregate>> FetchForWriting<TAggregate>(string streamId, CancellationToken cancellationToken = default)
        where TAggregate : class
    {
        var events = await FetchStreamAsync(streamId, cancellationToken);
        var aggregate = AggregateBuilder<TAggregate>.Build(events.Select(e => e.Data));
        return new EventStream<TAggregate>(this, streamId, aggregate, events.Count == 0 ? 0 : events[^1].Version);
    }

    public async Task<TAggregate?> AggregateStreamAsync<TAggregate>(string streamId, CancellationToken cancellationToken = default)
        where TAggregate : class
    {
        var events = await FetchStreamAsync(streamId, cancellationToken);
        return AggregateBuilder<TAggregate>.Build(events.Select(e => e.Data));
    }

    public async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            $"select {EventSerializer.Columns} from {_serializer.Schema}.events e where e.stream_id = $1 order by e.version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return await _serializer.ReadAsync(command, cancellationToken);
    }

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        if (_streams.Count == 0 && _messages.Count == 0)
        {
            return;
        }

        var outbox = _messages.Count == 0 ? null : services.GetService<IOutbox>()
            ?? throw new InvalidOperationException("Messages were published but no IOutbox is registered: add the Portal message bus to the host");
        var metadata = new EventMetadata(operation.CorrelationId, operation.CausationId, operation.User);

        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (_streams.Count > 0)
            {
                var stored = await new EventWriter(_serializer, connection, transaction).WriteAsync(_streams.Values, metadata, cancellationToken);
                var context = new ProjectionContext(connection, transaction, _serializer.Schema);
                foreach (var projectionType in _serializer.Module.InlineProjections)
                {
                    var projection = (IInlineProjection)services.GetRequiredService(projectionType);
                    await projection.ApplyAsync(context, stored, cancellationToken);
                }
            }

            if (outbox is not null)
            {
                await outbox.WriteAsync(connection, transaction, _messages.ToList(), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // Saved or not, the session starts empty: what a failed save held was decided on state that may be gone.
            _streams.Clear();
            _messages.Clear();
        }
    }

    private void Queue(EventStreamState state, object[] events)
    {
        // Names are resolved before anything is queued, so an unregistered type leaves the session untouched.
        var pending = events.Select(e => new PendingEvent(Guid.CreateVersion7(), _serializer.NameOf(e ?? throw new ArgumentNullException(nameof(events))), e)).ToList();
        state.Events.AddRange(pending);
        _streams[state.StreamId] = state;
    }
}
