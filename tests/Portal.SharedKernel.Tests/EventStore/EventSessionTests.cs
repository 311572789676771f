using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Modules;

namespace Portal.SharedKernel.Tests.EventStore;

public sealed class EventSessionTests(EventStoreFixture store) : IClassFixture<EventStoreFixture>
{
    [Fact]
    public async Task Concurrent_appends_at_the_same_expected_version_let_exactly_one_win()
    {
        var id = EventStoreFixture.NewStreamId();
        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("first")));

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(() => store.SaveAsync(e => e.Append(id, 1, new TaskRenamed($"rename {i}")))));
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await a;
                return null;
            }
            catch (ConcurrencyError error)
            {
                return error;
            }
        }));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<ConcurrencyError>(), e => Assert.Equal(2, e.ActualVersion));
        Assert.Equal(7, outcomes.OfType<ConcurrencyError>().Count());
        Assert.Equal(2, (await store.ReadAsync(e => e.FetchStreamAsync(id))).Count);
    }

    [Fact]
    public async Task Starting_a_stream_twice_is_a_concurrency_error()
    {
        var id = EventStoreFixture.NewStreamId();
        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("first")));

        var error = await Assert.ThrowsAsync<ConcurrencyError>(() => store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("again"))));

        Assert.Equal(1, error.ActualVersion);
    }

    [Fact]
    public async Task Immutable_and_mutable_aggregates_rebuild_from_their_events()
    {
        var id = EventStoreFixture.NewStreamId();
        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("draft"), new TaskRenamed("final")));
        await store.SaveAsync(e => e.Append(id, new TaskClosed()));

        var task = await store.ReadAsync(e => e.AggregateStreamAsync<TodoTask>(id));
        var history = await store.ReadAsync(e => e.AggregateStreamAsync<TaskHistory>(id));

        Assert.Equal(new TodoTask("final", true, 1), task);
        Assert.Equal(["draft", "final"], history!.Titles);
        Assert.Null(await store.ReadAsync(e => e.AggregateStreamAsync<TodoTask>("no-such-stream")));
    }

    [Fact]
    public async Task Appends_through_FetchForWriting_expect_the_loaded_version()
    {
        var id = EventStoreFixture.NewStreamId();
        await using var scope = store.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IEventSession<TaskModule>>();
        var fresh = await session.Events.FetchForWriting<TodoTask>(id);
        fresh.AppendOne(new TaskOpened("new"));
        fresh.AppendOne(new TaskRenamed("newer"));
        await session.SaveChangesAsync();

        var loaded = await session.Events.FetchForWriting<TodoTask>(id);
        await store.SaveAsync(e => e.Append(id, 2, new TaskClosed()));
        loaded.AppendOne(new TaskRenamed("stale"));

        Assert.Equal(0, fresh.CurrentVersion);
        Assert.Equal(2, loaded.CurrentVersion);
        Assert.Equal("newer", loaded.Aggregate!.Title);
        var error = await Assert.ThrowsAsync<ConcurrencyError>(() => session.SaveChangesAsync());
        Assert.Equal(3, error.ActualVersion);
    }

    [Fact]
    public async Task A_failing_inline_projection_stores_neither_events_nor_read_model_rows()
    {
        var (good, bad) = (EventStoreFixture.NewStreamId(), EventStoreFixture.NewStreamId());

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveAsync(e =>
        {
            e.StartStream<TodoTask>(good, new TaskOpened("good"));
            e.StartStream<TodoTask>(bad, new TaskOpened("bad"), new ProjectionFailureRequested());
        }));

        await AssertNothingStoredAsync(good, bad);
    }

    [Fact]
    public async Task A_concurrency_error_rolls_back_the_whole_save()
    {
        var (existing, fresh) = (EventStoreFixture.NewStreamId(), EventStoreFixture.NewStreamId());
        await store.SaveAsync(e => e.StartStream<TodoTask>(existing, new TaskOpened("existing")));

        await Assert.ThrowsAsync<ConcurrencyError>(() => store.SaveAsync(e =>
        {
            e.StartStream<TodoTask>(fresh, new TaskOpened("fresh"));
            e.Append(existing, 5, new TaskClosed());
        }));

        await AssertNothingStoredAsync(fresh);
        Assert.Single(await store.ReadAsync(e => e.FetchStreamAsync(existing)));
    }

    [Fact]
    public async Task Events_are_stored_under_registered_names_with_the_operation_metadata()
    {
        var id = EventStoreFixture.NewStreamId();
        var operation = new OperationContext { CorrelationId = "corr-1", CausationId = "cause-1", User = "user:default/jane" };

        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("a"), new TaskClosed()), operation);

        var rows = await store.QueryAsync<(string Type, string Data, string Correlation, string Causation, string User)>(
            "select type, data::text, correlation_id, causation_id, user_name from tasks.events where stream_id = @id order by version", new { id });
        Assert.Equal(["task-opened", "task-closed"], rows.Select(r => r.Type));
        Assert.Equal("""{"title": "a"}""", rows[0].Data);
        Assert.All(rows, r => Assert.Equal(("corr-1", "cause-1", "user:default/jane"), (r.Correlation, r.Causation, r.User)));
        var stored = await store.ReadAsync(e => e.FetchStreamAsync(id));
        Assert.Equal(new EventMetadata("corr-1", "cause-1", "user:default/jane"), stored[0].Metadata);
        Assert.Equal(new TaskOpened("a"), stored[0].Data);
    }

    [Fact]
    public async Task Appending_an_unregistered_event_type_fails_clearly()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.SaveAsync(e => e.StartStream<TodoTask>(EventStoreFixture.NewStreamId(), new UnregisteredEvent())));

        Assert.Contains("UnregisteredEvent is not a registered event type", error.Message);
    }

    [Fact]
    public async Task Starting_the_migrator_again_is_harmless()
    {
        var id = EventStoreFixture.NewStreamId();
        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("kept")));

        using (var second = await EventStoreFixture.StartHostAsync(store.ConnectionString))
        {
            await second.StopAsync();
        }

        Assert.Equal([1], await store.QueryAsync<int>("select version from tasks.schema_migrations where component = 'events'"));
        Assert.Single(await store.ReadAsync(e => e.FetchStreamAsync(id)));
    }

    private async Task AssertNothingStoredAsync(params string[] streamIds)
    {
        Assert.Empty(await store.QueryAsync<string>("select id from tasks.streams where id = any(@streamIds)", new { streamIds }));
        Assert.Empty(await store.QueryAsync<long>("select seq from tasks.events where stream_id = any(@streamIds)", new { streamIds }));
        Assert.Empty(await store.QueryAsync<string>("select stream_id from tasks.task_summaries where stream_id = any(@streamIds)", new { streamIds }));
    }
}
