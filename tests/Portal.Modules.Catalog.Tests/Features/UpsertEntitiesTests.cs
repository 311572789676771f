using System.Text.Json.Nodes;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Errors;
using Portal.SharedKernel.EventStore;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Features;

public sealed class UpsertEntitiesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private Task<IReadOnlyList<EntityWriteResult>> UpsertAsync(params JsonObject[] entities) => app.Services.SendAsync(new UpsertEntities(entities));

    private Task<IReadOnlyList<JsonObject?>> ReadAsync(params string[] refs) =>
        app.Services.InScopeAsync<EntityReader, IReadOnlyList<JsonObject?>>(reader => reader.ByRefsAsync(refs, CancellationToken.None));

    private async Task<long> CountAsync(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_new_entity_is_created_with_a_uid_and_etag_and_read_back_as_written()
    {
        var name = Unique("svc");

        var result = Assert.Single(await UpsertAsync(Component(name, ns: "default")));

        Assert.Equal(EntityChange.Created, result.Change);
        Assert.Equal($"component:default/{name}", result.EntityRef);
        var entity = Assert.Single(await ReadAsync(result.EntityRef))!;
        Assert.Equal("Component", entity["kind"]!.GetValue<string>());
        Assert.Equal(result.Uid.ToString(), entity["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(result.Etag, entity["metadata"]!["etag"]!.GetValue<string>());
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "relations"], entity.Select(p => p.Key));
        Assert.Equal(["name", "namespace", "uid", "etag"], entity["metadata"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Writing_the_same_content_again_is_unchanged_and_appends_no_event()
    {
        var created = Assert.Single(await UpsertAsync(Component(Unique("svc"))));

        var again = Assert.Single(await UpsertAsync(Component(created.EntityRef.Split('/')[1])));

        Assert.Equal(EntityChange.Unchanged, again.Change);
        Assert.Equal((created.Uid, created.Etag), (again.Uid, again.Etag));
        Assert.Equal(1L, await CountAsync("select count(*) from catalog.events where stream_id = $1", created.Uid.ToString()));
    }

    [Fact]
    public async Task Changed_content_is_an_update_with_a_new_etag_and_the_same_uid()
    {
        var name = Unique("svc");
        var created = Assert.Single(await UpsertAsync(Component(name, owner: "team-a")));

        var updated = Assert.Single(await UpsertAsync(Component(name, owner: "team-b")));
        var reverted = Assert.Single(await UpsertAsync(Component(name, owner: "team-c")));

        Assert.Equal(EntityChange.Updated, updated.Change);
        Assert.Equal(created.Uid, updated.Uid);
        Assert.Equal(created.Uid, reverted.Uid);
        Assert.Equal(3, new[] { created.Etag, updated.Etag, reverted.Etag }.Distinct().Count());
        var entity = Assert.Single(await ReadAsync(created.EntityRef))!;
        Assert.Equal("team-c", entity["spec"]!["owner"]!.GetValue<string>());
        Assert.Equal(reverted.Etag, entity["metadata"]!["etag"]!.GetValue<string>());
    }

    // Three writers that read the same version: each round of the race has a winner, so the retries (three attempts) land all.
    [Fact]
    public async Task Concurrent_updates_of_one_entity_all_land_instead_of_failing_on_the_stream_version()
    {
        var name = Unique("svc");
        var created = Assert.Single(await UpsertAsync(Component(name, owner: "team-a")));

        var updates = await Task.WhenAll(new[] { "team-b", "team-c", "team-d" }.Select(owner => Task.Run(() => UpsertAsync(Component(name, owner: owner)))));

        Assert.All(updates, u => Assert.Equal(EntityChange.Updated, Assert.Single(u).Change));
        Assert.Equal(4L, await CountAsync("select count(*) from catalog.events where stream_id = $1 and type <> 'catalog.entity-relations-stitched'", created.Uid.ToString()));
        var served = Assert.Single(await ReadAsync(created.EntityRef))!;
        Assert.Contains(updates, u => u[0].Etag == served["metadata"]!["etag"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_aggregate_rebuilds_from_its_stream()
    {
        var name = Unique("svc");
        var created = Assert.Single(await UpsertAsync(Component(name, owner: "team-a")));
        var updated = Assert.Single(await UpsertAsync(Component(name, owner: "team-b")));

        var entity = await app.Services.InScopeAsync<IEventSession<CatalogModule>, CatalogEntity?>(
            session => session.Events.AggregateStreamAsync<CatalogEntity>(created.Uid.ToString()));

        Assert.NotNull(entity);
        Assert.Equal((created.Uid, created.EntityRef, updated.Etag, false), (entity.Uid, entity.Ref, entity.Etag, entity.Removed));
        Assert.Equal("team-b", entity.Content["spec"]!["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refs_are_case_insensitive_but_the_entity_keeps_its_case()
    {
        var name = Unique("Svc");
        var created = Assert.Single(await UpsertAsync(Component(name)));

        var again = Assert.Single(await UpsertAsync(Component(name.ToUpperInvariant())));

        Assert.Equal(created.EntityRef, again.EntityRef);
        Assert.Equal((created.Uid, EntityChange.Updated), (again.Uid, again.Change));
        Assert.Equal(name.ToUpperInvariant(), (await ReadAsync(created.EntityRef))[0]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_with_one_invalid_entity_stores_nothing()
    {
        var valid = Component(Unique("svc"));
        var invalid = new JsonObject { ["apiVersion"] = "backstage.io/v1alpha1", ["kind"] = "Component", ["metadata"] = new JsonObject() };

        var error = await Assert.ThrowsAsync<InputError>(() => UpsertAsync(valid, invalid));

        Assert.Contains("1", error.Message);
        Assert.Null((await ReadAsync($"component:default/{valid["metadata"]!["name"]}"))[0]);
    }

    [Fact]
    public async Task The_same_ref_twice_in_one_batch_is_an_InputError()
    {
        var name = Unique("svc");

        var error = await Assert.ThrowsAsync<InputError>(() => UpsertAsync(Component(name), Component(name, owner: "team-b")));

        Assert.Contains($"component:default/{name}", error.Message);
    }

    [Fact]
    public async Task The_search_index_holds_the_flattened_entity()
    {
        var created = Assert.Single(await UpsertAsync(Component(Unique("svc"), type: "Website")));

        Assert.Equal(1L, await CountAsync("select count(*) from catalog.search where uid = $1 and key = 'spec.type' and value = 'website' and original_value = 'Website'", created.Uid));
        Assert.Equal(1L, await CountAsync("select count(*) from catalog.search where uid = $1 and key = 'metadata.namespace' and value = 'default'", created.Uid));
    }

    [Fact]
    public async Task An_update_replaces_the_search_rows()
    {
        var name = Unique("svc");
        var created = Assert.Single(await UpsertAsync(Component(name, type: "service")));

        await UpsertAsync(Component(name, type: "website"));

        Assert.Equal(0L, await CountAsync("select count(*) from catalog.search where uid = $1 and key = 'spec.type' and value = 'service'", created.Uid));
        Assert.Equal(1L, await CountAsync("select count(*) from catalog.search where uid = $1 and key = 'spec.type' and value = 'website'", created.Uid));
    }
}
