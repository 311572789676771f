using Npgsql;
using Portal.SharedKernel.Errors;

namespace Portal.SharedKernel.Tests.EventStore;

public sealed class StreamLockOrderTests(EventStoreFixture store) : IClassFixture<EventStoreFixture>
{
    private const int Rounds = 10;
    private const int SavesPerRound = 8;

    [Fact]
    public async Task Saves_touching_two_streams_in_opposite_orders_never_deadlock()
    {
        var (first, second) = (EventStoreFixture.NewStreamId(), EventStoreFixture.NewStreamId());
        await store.SaveAsync(e =>
        {
            e.StartStream<TodoTask>(first, new TaskOpened("first"));
            e.StartStream<TodoTask>(second, new TaskOpened("second"));
        });

        var outcomes = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var saves = Enumerable.Range(0, SavesPerRound).Select(i => Task.Run(() => OutcomeAsync(i % 2 == 0 ? [first, second] : [second, first], i)));
            outcomes.AddRange(await Task.WhenAll(saves));
        }

        Assert.All(outcomes, outcome => Assert.Contains(outcome, new[] { "saved", "conflict" }));
        var saved = outcomes.Count(o => o == "saved");
        Assert.Equal(1 + saved, (await store.ReadAsync(e => e.FetchStreamAsync(first))).Count);
        Assert.Equal(1 + saved, (await store.ReadAsync(e => e.FetchStreamAsync(second))).Count);
    }

    // Every fourth save states an expected version that may be stale, so both a success and a ConcurrencyError are fair outcomes.
    private async Task<string> OutcomeAsync(string[] streams, int index)
    {
        try
        {
            await store.SaveAsync(e =>
            {
                foreach (var stream in streams)
                {
                    if (index % 4 == 3)
                    {
                        e.Append(stream, 1 + index, new TaskRenamed($"save {index}"));
                    }
                    else
                    {
                        e.Append(stream, new TaskRenamed($"save {index}"));
                    }
                }
            });
            return "saved";
        }
        catch (ConcurrencyError)
        {
            return "conflict";
        }
        catch (PostgresException error)
        {
            return $"{error.SqlState}: {error.MessageText}";
        }
    }
}
