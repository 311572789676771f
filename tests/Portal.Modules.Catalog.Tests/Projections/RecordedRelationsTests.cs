using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Features.Entities;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.EventStore;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Projections;

// Stitched relations that change are recorded in the entity's own stream once the catalog is quiet: the history says
// when others started or stopped pointing at it, and the served etag moves with them.
public sealed class RecordedRelationsTests(PortalApp app) : IClassFixture<PortalApp>
{
    private async Task<EntityWriteResult> UpsertAsync(JsonObject entity) =>
        Assert.Single(await app.Services.SendAsync(new UpsertEntities([entity])));

    private async Task<JsonObject> ServedAsync(string entityRef) =>
        (await app.Services.InScopeAsync<EntityReader, IReadOnlyList<JsonObject?>>(reader => reader.ByRefsAsync([entityRef], CancellationToken.None)))[0]!;

    private static string Etag(JsonObject entity) => entity["metadata"]!["etag"]!.GetValue<string>();

    private Task<EntityHistory> HistoryAsync(Guid uid) => app.Services.SendAsync(new GetEntityHistory(uid.ToString()));

    private async Task<List<EntityRelationsStitched>> RecordedAsync(Guid uid) =>
        [.. (await app.Services.InScopeAsync<IEventSession<CatalogModule>, IReadOnlyList<StoredEvent>>(
            session => session.Events.FetchStreamAsync(uid.ToString()))).Select(e => e.Data).OfType<EntityRelationsStitched>()];

    // Waits until the stitcher has been over the entities since their last change: relations stitched and recorded.
    private async Task SettledAsync(params Guid[] uids)
    {
        await using var command = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "select count(*) from catalog.entities where uid = any($1) and relations is not null and not relations_unrecorded");
        command.Parameters.Add(new NpgsqlParameter { Value = uids });
        await Background.Eventually(async () => (long)(await command.ExecuteScalarAsync())! == uids.Length, "the stitcher settled");
    }

    [Fact]
    public async Task Relations_are_recorded_in_both_entities_histories_and_move_their_etags()
    {
        var team = Unique("team");
        var group = await UpsertAsync(Group(team));
        var svc = await UpsertAsync(Component(Unique("svc"), owner: team));

        await SettledAsync(group.Uid, svc.Uid);

        var history = await HistoryAsync(group.Uid);
        Assert.Equal(["relationsStitched", "registered"], history.Items.Select(i => i.Type));
        Assert.Equal(["relations"], history.Items[0].ChangedPaths);
        Assert.Equal(RelationStitcher.Actor, history.Items[0].Actor);
        var recorded = Assert.Single(await RecordedAsync(group.Uid));
        Assert.Equal([new StitchedRelation("ownerOf", svc.EntityRef)], recorded.Relations);
        var served = await ServedAsync(group.EntityRef);
        Assert.Equal(recorded.Etag, Etag(served));
        Assert.NotEqual(group.Etag, recorded.Etag);
        Assert.Equal(["relationsStitched", "registered"], (await HistoryAsync(svc.Uid)).Items.Select(i => i.Type));
        Assert.NotEqual(svc.Etag, Etag(await ServedAsync(svc.EntityRef)));
    }

    [Fact]
    public async Task An_entity_nothing_relates_to_records_nothing_and_keeps_its_etag()
    {
        var group = await UpsertAsync(Group(Unique("team")));

        await SettledAsync(group.Uid);

        Assert.Equal(["registered"], (await HistoryAsync(group.Uid)).Items.Select(i => i.Type));
        Assert.Equal(group.Etag, Etag(await ServedAsync(group.EntityRef)));
    }

    [Fact]
    public async Task Each_change_of_relations_is_recorded_once_and_an_edit_that_keeps_them_is_not()
    {
        var team = Unique("team");
        var group = await UpsertAsync(Group(team));
        var first = await UpsertAsync(Component(Unique("svc"), owner: team));
        await SettledAsync(group.Uid, first.Uid);
        var etags = new List<string> { Etag(await ServedAsync(group.EntityRef)) };

        var described = Component(first.EntityRef.Split('/')[1], owner: team);
        described["metadata"]!["description"] = "same relations";
        await UpsertAsync(described);
        await SettledAsync(group.Uid, first.Uid);
        etags.Add(Etag(await ServedAsync(group.EntityRef)));

        var second = await UpsertAsync(Component(Unique("svc"), owner: team));
        await SettledAsync(group.Uid, second.Uid);
        etags.Add(Etag(await ServedAsync(group.EntityRef)));

        await app.Services.SendAsync(new RemoveEntity(first.Uid));
        await SettledAsync(group.Uid);
        etags.Add(Etag(await ServedAsync(group.EntityRef)));

        Assert.Equal(
            [[first.EntityRef], new[] { first.EntityRef, second.EntityRef }.Order(StringComparer.Ordinal).ToArray(), [second.EntityRef]],
            (await RecordedAsync(group.Uid)).Select(r => r.Relations.Select(x => x.TargetRef).Order(StringComparer.Ordinal).ToArray()));
        Assert.Equal(etags[0], etags[1]);
        Assert.Equal(3, etags.Distinct().Count());
        Assert.Equal(["updated", "relationsStitched", "registered"], (await HistoryAsync(first.Uid)).Items.Skip(1).Select(i => i.Type));
    }

    [Fact]
    public async Task An_update_after_recorded_relations_gets_an_etag_of_both_and_serves_it()
    {
        var team = Unique("team");
        await UpsertAsync(Group(team));
        var name = Unique("svc");
        var svc = await UpsertAsync(Component(name, owner: team));
        await SettledAsync(svc.Uid);
        var recorded = Assert.Single(await RecordedAsync(svc.Uid));

        var updated = await UpsertAsync(Component(name, owner: team, type: "website"));

        var served = await ServedAsync(svc.EntityRef);
        Assert.Equal(updated.Etag, Etag(served));
        Assert.NotEqual(recorded.Etag, updated.Etag);
        var stored = await app.Services.InScopeAsync<IEventSession<CatalogModule>, CatalogEntity?>(
            session => session.Events.AggregateStreamAsync<CatalogEntity>(svc.Uid.ToString()));
        Assert.Equal(EntityEtag.Of(stored!.Hash, recorded.RelationsDigest), updated.Etag);
    }

    [Fact]
    public async Task The_digest_of_no_relations_is_the_one_PostgreSQL_computes_for_new_rows()
    {
        var group = await UpsertAsync(Group(Unique("team")));
        await using var command = app.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "select catalog.relations_digest('[]'), catalog.relations_digest('[{\"type\":\"ownerOf\",\"targetRef\":\"component:default/ü\"}]'), "
            + "(select relations_digest from catalog.entities where uid = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = group.Uid });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal(EntityEtag.NoRelations, reader.GetString(0));
        Assert.Equal(EntityEtag.DigestOf("""[{"type":"ownerOf","targetRef":"component:default/ü"}]"""), reader.GetString(1));
        Assert.Equal(EntityEtag.NoRelations, reader.GetString(2));
    }
}
