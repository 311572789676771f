using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.SharedKernel.EventStore;

namespace Portal.SharedKernel.Tests.EventStore;

public sealed class AsyncProjectionTests(EventStoreFixture store) : IClassFixture<EventStoreFixture>
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(20);

    private IProjectionDaemon Daemon => store.Services.GetRequiredService<IProjectionDaemon>();

    [Fact]
    public async Task The_projection_catches_up_and_a_rebuild_gives_the_same_read_model()
    {
        for (var i = 0; i < 5; i++)
        {
            var id = EventStoreFixture.NewStreamId();
            await store.SaveAsync(e => e.StartStream<TodoTask>(id, new TaskOpened($"t{i}"), new TaskRenamed($"r{i}")));
        }

        await Daemon.WaitForNonStaleDataAsync<TaskLog>(CatchUp);
        var before = await ReadModelAsync();
        await Daemon.RebuildAsync<TaskLog>();
        var after = await ReadModelAsync();

        Assert.Equal(await store.QueryAsync<long>("select seq from tasks.events order by seq"), before.Select(r => r.Seq));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_open_transaction_holding_a_lower_sequence_is_not_skipped()
    {
        var (held, later) = (EventStoreFixture.NewStreamId(), EventStoreFixture.NewStreamId());
        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var open = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlBatch(connection, open)
        {
            BatchCommands =
            {
                new("insert into tasks.streams (id, aggregate_type, version) values ($1, 'TodoTask', 1)") { Parameters = { new() { Value = held } } },
                new("""insert into tasks.events (id, stream_id, version, type, data) values (gen_random_uuid(), $1, 1, 'task-opened', '{"title":"held"}')""")
                {
                    Parameters = { new() { Value = held } },
                },
            },
        })
        {
            await insert.ExecuteNonQueryAsync();
        }

        await store.SaveAsync(e => e.StartStream<TodoTask>(later, new TaskOpened("later")));

        await Assert.ThrowsAsync<TimeoutException>(() => Daemon.WaitForNonStaleDataAsync<TaskLog>(TimeSpan.FromSeconds(1)));
        Assert.Empty(await LoggedAsync(held, later));

        await open.CommitAsync();
        await Daemon.WaitForNonStaleDataAsync<TaskLog>(CatchUp);
        Assert.Equal([held, later], await LoggedAsync(held, later));
    }

    private Task<List<(long Seq, string StreamId, string Type)>> ReadModelAsync() =>
        store.QueryAsync<(long Seq, string StreamId, string Type)>("select seq, stream_id, type from tasks.task_log order by seq");

    private Task<List<string>> LoggedAsync(params string[] streamIds) =>
        store.QueryAsync<string>("select stream_id from tasks.task_log where stream_id = any(@streamIds) order by seq", new { streamIds });
}
