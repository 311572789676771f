using System.Text.Json.Nodes;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Features.Entities;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

// Relations, removal and history through the in-process requests and the shared reader.
public sealed class EntityLifecycleTests(PortalApp app) : IClassFixture<PortalApp>
{
    private async Task<EntityWriteResult> UpsertAsync(JsonObject entity, string? user = null) =>
        Assert.Single(await app.Services.SendAsync(new UpsertEntities([entity]), user));

    private Task<IReadOnlyList<JsonObject?>> ByRefsAsync(params string[] refs) =>
        app.Services.InScopeAsync<EntityReader, IReadOnlyList<JsonObject?>>(reader => reader.ByRefsAsync(refs, CancellationToken.None));

    private Task<IReadOnlyList<JsonObject?>> ByUidsAsync(params Guid[] uids) =>
        app.Services.InScopeAsync<EntityReader, IReadOnlyList<JsonObject?>>(reader => reader.ByUidsAsync(uids, CancellationToken.None));

    private static string Relations(JsonObject? entity) => entity!["relations"]!.ToJsonString();

    [Fact]
    public async Task Relations_show_on_the_source_and_in_reverse_on_existing_targets()
    {
        var team = Unique("team");
        var system = Unique("sys");
        var group = await UpsertAsync(Group(team));
        var component = Component(Unique("svc"), owner: team);
        component["spec"]!["system"] = system;
        var svc = await UpsertAsync(component);

        var (source, target) = ((await ByUidsAsync(svc.Uid))[0], (await ByRefsAsync(group.EntityRef))[0]);

        Assert.Equal(
            $$"""[{"type":"ownedBy","targetRef":"group:default/{{team}}"},{"type":"partOf","targetRef":"system:default/{{system}}"}]""",
            Relations(source));
        Assert.Equal($$"""[{"type":"ownerOf","targetRef":"{{svc.EntityRef}}"}]""", Relations(target));
    }

    [Fact]
    public async Task An_update_replaces_the_relations_it_originated()
    {
        var (teamA, teamB) = (Unique("team"), Unique("team"));
        await UpsertAsync(Group(teamA));
        await UpsertAsync(Group(teamB));
        var name = Unique("svc");
        var svc = await UpsertAsync(Component(name, owner: teamA));

        await UpsertAsync(Component(name, owner: teamB));

        Assert.Equal($$"""[{"type":"ownedBy","targetRef":"group:default/{{teamB}}"}]""", Relations((await ByUidsAsync(svc.Uid))[0]));
        Assert.Equal("[]", Relations((await ByRefsAsync($"group:default/{teamA}"))[0]));
        Assert.Equal($$"""[{"type":"ownerOf","targetRef":"{{svc.EntityRef}}"}]""", Relations((await ByRefsAsync($"group:default/{teamB}"))[0]));
    }

    [Fact]
    public async Task The_reader_answers_in_the_order_asked_with_null_for_misses_and_repeats_duplicates()
    {
        var a = await UpsertAsync(Component(Unique("svc")));
        var b = await UpsertAsync(Component(Unique("svc")));

        var byRefs = await ByRefsAsync(b.EntityRef, "component:default/missing", a.EntityRef, b.EntityRef, b.EntityRef.ToUpperInvariant());
        var byUids = await ByUidsAsync(a.Uid, Guid.NewGuid(), a.Uid);

        Assert.Equal([b.Uid.ToString(), null, a.Uid.ToString(), b.Uid.ToString(), null], byRefs.Select(e => e?["metadata"]!["uid"]!.GetValue<string>()));
        Assert.Equal([a.Uid.ToString(), null, a.Uid.ToString()], byUids.Select(e => e?["metadata"]!["uid"]!.GetValue<string>()));
        Assert.NotSame(byRefs[1], byRefs[3]);
    }

    [Fact]
    public async Task GetEntityByRef_defaults_the_namespace_and_matches_any_case()
    {
        var name = Unique("svc");
        var svc = await UpsertAsync(Component(name));

        var entity = await app.Services.SendAsync(new GetEntityByRef($"Component:{name.ToUpperInvariant()}"));
        var missing = await app.Services.SendAsync(new GetEntityByRef("component:default/nothing-here"));

        Assert.Equal(svc.Uid.ToString(), entity!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Null(missing);
    }

    [Fact]
    public async Task Removal_deletes_the_entity_and_the_relations_it_originated_and_a_rewrite_gets_a_new_uid()
    {
        var team = Unique("team");
        var group = await UpsertAsync(Group(team));
        var name = Unique("svc");
        var svc = await UpsertAsync(Component(name, owner: team));

        var removed = await app.Services.SendAsync(new RemoveEntity(svc.Uid));

        Assert.Equal(new EntityRemoved(svc.Uid, svc.EntityRef), removed);
        Assert.Null((await ByUidsAsync(svc.Uid))[0]);
        Assert.Equal("[]", Relations((await ByRefsAsync(group.EntityRef))[0]));
        await Assert.ThrowsAsync<NotFoundError>(() => app.Services.SendAsync(new RemoveEntity(svc.Uid)));
        var again = await UpsertAsync(Component(name, owner: team));
        Assert.Equal(EntityChange.Created, again.Change);
        Assert.NotEqual(svc.Uid, again.Uid);
    }

    [Fact]
    public async Task History_lists_the_events_newest_first_with_actor_and_changed_paths()
    {
        var name = Unique("svc");
        var svc = await UpsertAsync(Component(name, owner: "team-a"), user: "user:default/jane");
        var changed = Component(name, owner: "team-b", type: "website");
        await UpsertAsync(changed, user: "user:default/joe");
        await app.Services.SendAsync(new RemoveEntity(svc.Uid), user: "user:default/ann");

        var history = await app.Services.SendAsync(new GetEntityHistory(svc.Uid.ToString()));

        Assert.Equal(["removed", "updated", "registered"], history.Items.Select(i => i.Type));
        Assert.Equal(["user:default/ann", "user:default/joe", "user:default/jane"], history.Items.Select(i => i.Actor));
        Assert.Equal(["spec.owner", "spec.type"], history.Items[1].ChangedPaths.Order());
        Assert.True(history.Items[0].Timestamp >= history.Items[2].Timestamp);
    }
}
