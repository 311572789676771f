using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

// The bulk path with its own database, so counts are exact; its timing is the catalog benchmark's business.
public sealed class BulkUpsertTests(PortalApp app) : IClassFixture<PortalApp>
{
    private const int Count = 2000;
    private const int BatchSize = 500;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Two_thousand_entities_in_batches_are_all_stored_indexed_and_related_and_a_rewrite_changes_nothing()
    {
        var entities = Enumerable.Range(0, Count).Select(i => Component($"bulk-{i}", owner: $"team-{i % 10}", type: i % 2 == 0 ? "service" : "website")).ToList();

        var first = new List<EntityWriteResult>();
        var again = new List<EntityWriteResult>();
        foreach (var batch in entities.Chunk(BatchSize))
        {
            first.AddRange(await app.Services.SendAsync(new UpsertEntities(batch)));
        }

        foreach (var batch in entities.Chunk(BatchSize))
        {
            again.AddRange(await app.Services.SendAsync(new UpsertEntities(batch)));
        }

        Assert.All(first, r => Assert.Equal(EntityChange.Created, r.Change));
        Assert.All(again, r => Assert.Equal(EntityChange.Unchanged, r.Change));
        Assert.Equal(Count, first.Select(r => r.Uid).Distinct().Count());
        Assert.Equal(Count, await CountAsync("select count(*) from catalog.entities"));
        Assert.Equal(Count, await CountAsync("select count(*) from catalog.events"));
        Assert.Equal(Count / 2, await CountAsync("select count(*) from catalog.search where key = 'spec.type' and value = 'service'"));
        Assert.Equal(Count, await CountAsync("select count(distinct uid) from catalog.search where key = 'metadata.uid'"));
        Assert.Equal(Count * 2, await CountAsync("select count(*) from catalog.relations"));
        Assert.Equal(Count / 10, await CountAsync("select count(*) from catalog.relations where source_ref = 'group:default/team-3' and type = 'ownerOf'"));
    }
}
