using Microsoft.Extensions.DependencyInjection;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.SharedKernel.Mediator;

namespace Portal.SharedKernel.Tests.EventStore;

public sealed class ConcurrencyRetryTests(EventStoreFixture store) : IClassFixture<EventStoreFixture>
{
    private async Task<string> OpenedTaskAsync()
    {
        var id = EventStoreFixture.NewStreamId();
        await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened("draft")));
        return id;
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = store.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    [Fact]
    public async Task A_marked_command_that_loses_a_race_decides_again_on_the_stored_state()
    {
        var id = await OpenedTaskAsync();

        var attempts = await SendAsync(new RenameTask(id, "final", RacesToLose: 2));

        Assert.Equal(3, attempts);
        var titles = (await store.ReadAsync(e => e.FetchStreamAsync(id))).Select(e => e.Data).OfType<TaskRenamed>().Select(r => r.Title);
        Assert.Equal(["rival 1", "rival 2", "final"], titles);
    }

    [Fact]
    public async Task A_marked_command_gives_up_after_three_lost_races()
    {
        var id = await OpenedTaskAsync();
        var request = new RenameTask(id, "final", RacesToLose: 3);

        await Assert.ThrowsAsync<ConcurrencyError>(() => SendAsync(request));

        Assert.Equal(3, request.Attempts);
        Assert.Equal(4, (await store.ReadAsync(e => e.FetchStreamAsync(id))).Count);
    }

    [Fact]
    public async Task An_unmarked_command_reports_the_lost_race()
    {
        var id = await OpenedTaskAsync();

        var error = await Assert.ThrowsAsync<ConcurrencyError>(() => SendAsync(new RenameTaskOnce(id, "final")));

        Assert.Equal((1, 2), (error.ExpectedVersion, error.ActualVersion));
    }

    [Fact]
    public async Task A_session_is_empty_after_a_failed_save()
    {
        var (existing, fresh) = (await OpenedTaskAsync(), EventStoreFixture.NewStreamId());
        await using var scope = store.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IEventSession<TaskModule>>();
        session.Events.StartStream<TodoTask>(fresh, new TaskOpened("fresh"));
        session.Events.Append(existing, 5, new TaskClosed());
        await Assert.ThrowsAsync<ConcurrencyError>(() => session.SaveChangesAsync());

        session.Events.Append(existing, 1, new TaskRenamed("retried"));
        await session.SaveChangesAsync();

        Assert.Empty(await store.ReadAsync(e => e.FetchStreamAsync(fresh)));
        Assert.Equal("retried", (await store.ReadAsync(e => e.AggregateStreamAsync<TodoTask>(existing)))!.Title);
    }
}
