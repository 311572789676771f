using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;
using Portal.SharedKernel.Tests.EventStore;
using Portal.SharedKernel.Tests.Messaging;
using Portal.Testing;

namespace Portal.SharedKernel.Tests.Integration;

internal sealed record TaskNoticed(string StreamId);

// Reads the stream on a connection of its own: it sees the events only if they were committed before delivery.
internal sealed class TaskNoticedHandler(IEventSession<TaskModule> session, BusRecorder recorder, OperationContext context)
    : IMessageHandler<TaskNoticed>
{
    public async Task Handle(TaskNoticed message, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(message.StreamId, cancellationToken);
        recorder.Record(nameof(TaskNoticedHandler), $"{message.StreamId} saw {events.Count} events", context);
    }
}

public sealed class SessionMessagingTests(EventStoreFixture store) : IClassFixture<EventStoreFixture>
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_saved_with_events_is_handled_after_commit_with_the_events_correlation_and_user()
    {
        var id = EventStoreFixture.NewStreamId();
        var operation = new OperationContext { CorrelationId = $"corr-{id}", User = "user:default/jane" };

        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("a"), new TaskRenamed("b")), operation, new TaskNoticed(id));
        await store.Services.WaitForBusIdleAsync(Idle);

        var received = Assert.Single(store.Recorder.Received, r => r.Text.StartsWith(id, StringComparison.Ordinal));
        var stored = await store.ReadAsync(e => e.FetchStreamAsync(id));
        Assert.Equal($"{id} saw 2 events", received.Text);
        Assert.All(stored, e => Assert.Equal((received.CorrelationId, received.User), (e.Metadata.CorrelationId, e.Metadata.User)));
        Assert.Equal(($"corr-{id}", "user:default/jane"), (received.CorrelationId, received.User));
    }

    [Fact]
    public async Task A_save_rejected_by_a_concurrency_error_stores_and_delivers_nothing()
    {
        var (existing, fresh) = (EventStoreFixture.NewStreamId(), EventStoreFixture.NewStreamId());
        await store.SaveAsync(e => e.StartStream<TodoTask>(existing, new TaskOpened("existing")));

        await Assert.ThrowsAsync<ConcurrencyError>(() => store.SaveAsync(
            e =>
            {
                e.StartStream<TodoTask>(fresh, new TaskOpened("fresh"));
                e.Append(existing, 5, new TaskClosed());
            },
            null,
            new TaskNoticed(fresh)));

        await AssertNeverDeliveredAsync(fresh);
    }

    [Fact]
    public async Task A_save_failing_in_an_inline_projection_stores_and_delivers_nothing()
    {
        var id = EventStoreFixture.NewStreamId();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveAsync(
            e => e.StartStream<TodoTask>(id, new TaskOpened("doomed"), new ProjectionFailureRequested()), null, new TaskNoticed(id)));

        await AssertNeverDeliveredAsync(id);
    }

    // Outbox rows are claimed in order, so once a sentinel published later has been handled an earlier message would have been too.
    private async Task AssertNeverDeliveredAsync(string streamId)
    {
        var sentinel = EventStoreFixture.NewStreamId();
        await store.SaveAsync(e => e.StartStream<TodoTask>(sentinel, new TaskOpened("sentinel")), null, new TaskNoticed(sentinel));
        await store.Recorder.WaitForAsync($"{sentinel} saw 1 events");
        await store.Services.WaitForBusIdleAsync(Idle);

        Assert.DoesNotContain(store.Recorder.Received, r => r.Text.StartsWith(streamId, StringComparison.Ordinal));
        Assert.Empty(await store.ReadAsync(e => e.FetchStreamAsync(streamId)));
        Assert.Empty(await store.QueryAsync<long>(
            "select id from bus.outbox where body->>'streamId' = @streamId union all select id from bus.dead_letters where body->>'streamId' = @streamId",
            new { streamId }));
    }
}
