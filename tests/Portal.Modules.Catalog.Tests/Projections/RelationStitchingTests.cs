using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Projections;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Projections;

// Relations served from the stitched column must never lag the relation rows: a write that changes an entity's
// relations is visible on its next read, stitched or not, and the stitcher's later value is the same.
public sealed class RelationStitchingTests(PortalApp app) : IClassFixture<PortalApp>
{
    private async Task<EntityWriteResult> UpsertAsync(JsonObject entity) =>
        Assert.Single(await app.Services.SendAsync(new UpsertEntities([entity])));

    private async Task<string> RelationsAsync(string entityRef)
    {
        var entity = (await app.Services.InScopeAsync<EntityReader, IReadOnlyList<JsonObject?>>(
            reader => reader.ByRefsAsync([entityRef], CancellationToken.None)))[0];
        return entity!["relations"]!.ToJsonString();
    }

    private async Task<string?> StoredRelationsAsync(string entityRef)
    {
        await using var command = app.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select relations from catalog.entities where entity_ref = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = entityRef });
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<string> StitchedAsync(string entityRef)
    {
        string? stitched = null;
        await Background.Eventually(async () => (stitched = await StoredRelationsAsync(entityRef)) is not null, $"{entityRef} was stitched");
        return stitched!;
    }

    [Fact]
    public async Task The_stitcher_stores_exactly_the_relations_readers_aggregate()
    {
        var team = Unique("team");
        var group = await UpsertAsync(Group(team));
        var svc = await UpsertAsync(Component(Unique("svc"), owner: team));
        var live = await RelationsAsync(group.EntityRef);

        Assert.Equal($$"""[{"type":"ownerOf","targetRef":"{{svc.EntityRef}}"}]""", live);
        Assert.Equal(live, await StitchedAsync(group.EntityRef));
        Assert.Equal(live, await RelationsAsync(group.EntityRef));
        Assert.Equal($$"""[{"type":"ownedBy","targetRef":"group:default/{{team}}"}]""", await StitchedAsync(svc.EntityRef));
    }

    [Fact]
    public async Task A_new_incoming_relation_shows_on_a_stitched_target_at_once()
    {
        var team = Unique("team");
        var group = await UpsertAsync(Group(team));
        var first = await UpsertAsync(Component(Unique("svc"), owner: team));
        await StitchedAsync(group.EntityRef);

        var second = await UpsertAsync(Component(Unique("svc"), owner: team));

        var expected = string.Join(',', new[] { first.EntityRef, second.EntityRef }.Order(StringComparer.Ordinal)
            .Select(r => $$"""{"type":"ownerOf","targetRef":"{{r}}"}"""));
        Assert.Equal($"[{expected}]", await RelationsAsync(group.EntityRef));
        Assert.Equal($"[{expected}]", await StitchedAsync(group.EntityRef));
    }

    [Fact]
    public async Task Moving_or_removing_the_source_takes_the_relation_off_a_stitched_target_at_once()
    {
        var (teamA, teamB) = (Unique("team"), Unique("team"));
        var groupA = await UpsertAsync(Group(teamA));
        var groupB = await UpsertAsync(Group(teamB));
        var name = Unique("svc");
        var svc = await UpsertAsync(Component(name, owner: teamA));
        await StitchedAsync(groupA.EntityRef);
        await StitchedAsync(groupB.EntityRef);

        await UpsertAsync(Component(name, owner: teamB));

        Assert.Equal("[]", await RelationsAsync(groupA.EntityRef));
        Assert.Equal($$"""[{"type":"ownerOf","targetRef":"{{svc.EntityRef}}"}]""", await RelationsAsync(groupB.EntityRef));
        await StitchedAsync(groupB.EntityRef);

        await app.Services.SendAsync(new RemoveEntity(svc.Uid));

        Assert.Equal("[]", await RelationsAsync(groupB.EntityRef));
        Assert.Equal("[]", await StitchedAsync(groupB.EntityRef));
    }

    [Fact]
    public async Task Concurrent_saves_that_point_at_each_others_stitched_entities_both_land()
    {
        var (teamA, teamB) = (Unique("team"), Unique("team"));
        var groupA = await UpsertAsync(Group(teamA));
        var groupB = await UpsertAsync(Group(teamB));
        for (var round = 0; round < 2; round++)
        {
            await StitchedAsync(groupA.EntityRef);
            await StitchedAsync(groupB.EntityRef);
            var (a, b) = (Group(teamA), Group(teamB));
            a["metadata"]!["description"] = $"round {round}";
            b["metadata"]!["description"] = $"round {round}";
            var (svcA, svcB) = (Component(Unique("svc"), owner: teamB), Component(Unique("svc"), owner: teamA));

            var saves = await Task.WhenAll(
                app.Services.SendAsync(new UpsertEntities([a, svcA])),
                app.Services.SendAsync(new UpsertEntities([b, svcB])));

            Assert.All(saves, written => Assert.Equal(2, written.Count));
            Assert.Contains(saves[1][1].EntityRef, await RelationsAsync(groupA.EntityRef), StringComparison.Ordinal);
            Assert.Contains(saves[0][1].EntityRef, await RelationsAsync(groupB.EntityRef), StringComparison.Ordinal);
        }
    }
}
