using System.Net;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Testing;

namespace Portal.Modules.Catalog.Tests.Locations;

// Locations ingested into the catalog: nesting, ancestry, refresh, orphans, conflicts, removal, errors.
public sealed class LocationProcessingTests(LocationsApp app) : IClassFixture<LocationsApp>
{
    // Events that writes append; the relation stitcher appends its own once the catalog has been quiet for a few seconds.
    private const string WrittenEventsSql = "select count(*) from catalog.events where type <> 'catalog.entity-relations-stitched'";

    private readonly HttpClient _client = app.CreateClientWithServiceToken();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private string Name(string name) => $"{name}-{_run}";

    private string Write(string file, string text) => app.Files.Write($"{_run}/{file}", text);

    private async Task<string> RegisterAndProcessAsync(string path)
    {
        var id = await _client.RegisteredIdAsync("file", path);
        await app.ProcessAsync(id);
        return id;
    }

    [Fact]
    public async Task A_nested_tree_is_ingested_annotated_and_has_its_ancestry()
    {
        var more = Write("team/more.yaml", Yaml.Component(Name("deep")));
        var root = Write("catalog-info.yaml", Yaml.Documents(Yaml.Component(Name("svc")), Yaml.Location(Name("team"), "./team/more.yaml")));
        var generated = new LocationKey("file", root).GeneratedEntityName;

        await RegisterAndProcessAsync(root);

        var deep = (await app.EntityAsync("component", Name("deep")))!;
        Assert.Equal(($"file:{more}", $"file:{root}"), (deep.Annotation("backstage.io/managed-by-location"), deep.Annotation("backstage.io/managed-by-origin-location")));
        Assert.NotNull(await app.EntityAsync("location", generated));
        var ancestry = (await _client.GetScenario($"/api/catalog/entities/by-name/Component/default/{Name("deep")}/ancestry")).StatusCodeShouldBe(HttpStatusCode.OK).Json();
        Assert.Equal($"component:default/{Name("deep")}", ancestry.GetProperty("rootEntityRef").GetString());
        Assert.Equal(
            [(Name("deep"), $"location:default/{Name("team")}"), (Name("team"), $"location:default/{generated}"), (generated, "")],
            ancestry.GetProperty("items").EnumerateArray().Select(item => (
                item.GetProperty("entity").GetProperty("metadata").GetProperty("name").GetString(),
                string.Join(",", item.GetProperty("parentEntityRefs").EnumerateArray().Select(p => p.GetString())))));
        Assert.Equal(JsonValueKindArray, ancestry.GetProperty("items")[0].GetProperty("entity").GetProperty("relations").ValueKind);
    }

    [Fact]
    public async Task The_ancestry_of_an_unknown_entity_is_a_404() =>
        (await _client.GetScenario("/api/catalog/entities/by-name/component/default/does-not-exist/ancestry"))
            .ShouldBeError(HttpStatusCode.NotFound, "NotFoundError", "No such entity component:default/does-not-exist");

    [Fact]
    public async Task A_tree_larger_than_one_write_chunk_is_ingested_whole_and_owned_by_its_location()
    {
        var files = Enumerable.Range(0, 3).Select(file => Write(
            $"part-{file}.yaml", Yaml.Documents([.. Enumerable.Range(0, 450).Select(i => Yaml.Component(Name($"c{file}-{i}")))]))).ToList();
        var root = Write("catalog-info.yaml", Yaml.Documents([.. files.Select((path, i) => Yaml.Location(Name($"part{i}"), $"./{Path.GetFileName(path)}"))]));

        var id = await RegisterAndProcessAsync(root);

        Assert.Equal(1350 + 3 + 1, await app.CountAsync("select count(*) from catalog.location_entities where location_id = $1", Guid.Parse(id)));
        Assert.Equal(1350, await app.CountAsync("select count(*) from catalog.entities where name like $1", $"c_-%-{_run}"));
        var events = await app.CountAsync(WrittenEventsSql);
        await app.ProcessAsync(id);
        Assert.Equal(events, await app.CountAsync(WrittenEventsSql));
    }

    [Fact]
    public async Task Processing_an_unchanged_location_again_writes_no_events()
    {
        Write("b.yaml", Yaml.Component(Name("b")));
        var id = await RegisterAndProcessAsync(Write("catalog-info.yaml", Yaml.Documents(Yaml.Component(Name("a")), Yaml.Location(Name("l"), "./b.yaml"))));
        var events = await app.CountAsync(WrittenEventsSql);

        await app.ProcessAsync(id);

        Assert.Equal(events, await app.CountAsync(WrittenEventsSql));
    }

    [Fact]
    public async Task An_edit_is_picked_up_and_only_the_changed_file_is_written_again()
    {
        var edited = Write("edited.yaml", Yaml.Component(Name("edited")));
        var id = await RegisterAndProcessAsync(Write("catalog-info.yaml", Yaml.Documents(Yaml.Component(Name("same")), Yaml.Location(Name("l"), "./edited.yaml"))));
        var same = (await app.EntityAsync("component", Name("same")))!.Text("metadata.uid");

        TempCatalog.Replace(edited, Yaml.Component(Name("edited"), owner: "team-b"));
        var processed = await app.ProcessAsync(id);

        Assert.Equal([$"component:default/{Name("edited")}"], processed!.Written.Where(w => w.Change != Contracts.EntityChange.Unchanged).Select(w => w.EntityRef));
        Assert.DoesNotContain(processed.Written, w => w.EntityRef == $"component:default/{Name("same")}");
        Assert.Equal("team-b", (await app.EntityAsync("component", Name("edited")))!.Text("spec.owner"));
        Assert.Equal(1, await app.CountAsync($"{WrittenEventsSql} and stream_id = $1", same));
    }

    [Fact]
    public async Task A_refresh_request_has_the_agent_pick_up_an_edit_as_the_caller()
    {
        var user = app.CreateClientWithUserToken($"user:default/{Name("jdoe")}");
        var path = Write("catalog-info.yaml", Yaml.Component(Name("refreshed")));
        await user.RegisteredIdAsync("file", path);
        await Background.Eventually(async () => await app.EntityAsync("component", Name("refreshed")) is not null, "the agent ingested the location");

        TempCatalog.Replace(path, Yaml.Component(Name("refreshed"), owner: "team-c"));
        (await user.Scenario(HttpMethod.Post, "/api/catalog/refresh", new { entityRef = $"component:default/{Name("refreshed")}" })).StatusCodeShouldBe(HttpStatusCode.OK);

        await Background.Eventually(
            async () => (await app.EntityAsync("component", Name("refreshed")))?.Text("spec.owner") == "team-c",
            "the refresh was processed");
        // registered: the location, then its Location entity and the component; refreshed: the component's update
        foreach (var (type, count) in new[] { ("location-registered", 1), ("entity-registered", 2), ("location-refresh-requested", 1), ("entity-updated", 1) })
        {
            Assert.Equal(count, await app.CountAsync("select count(*) from catalog.events where user_name = $1 and type = $2", $"user:default/{Name("jdoe")}", $"catalog.{type}"));
        }
    }

    [Fact]
    public async Task An_entity_removed_from_its_file_is_deleted_as_an_orphan()
    {
        var path = Write("catalog-info.yaml", Yaml.Documents(Yaml.Component(Name("stays")), Yaml.Component(Name("goes"))));
        var id = await RegisterAndProcessAsync(path);

        TempCatalog.Replace(path, Yaml.Component(Name("stays")));
        await app.ProcessAsync(id);

        Assert.Null(await app.EntityAsync("component", Name("goes")));
        Assert.NotNull(await app.EntityAsync("component", Name("stays")));
    }

    [Fact]
    public async Task An_entity_two_locations_provide_stays_with_the_first_and_the_second_shows_the_conflict()
    {
        var first = Write("first.yaml", Yaml.Component(Name("shared")));
        var second = Write("second.yaml", Yaml.Documents(Yaml.Component(Name("shared"), owner: "team-z"), Yaml.Component(Name("own"))));
        await RegisterAndProcessAsync(first);

        await RegisterAndProcessAsync(second);

        var shared = (await app.EntityAsync("component", Name("shared")))!;
        Assert.Equal(($"file:{first}", "team-a"), (shared.Annotation("backstage.io/managed-by-origin-location"), shared.Text("spec.owner")));
        Assert.NotNull(await app.EntityAsync("component", Name("own")));
        var generated = (await app.EntityAsync("location", new LocationKey("file", second).GeneratedEntityName))!;
        Assert.Equal("backstage.io/catalog-processing", generated.Text("status.items.0.type"));
        Assert.Equal(
            $"file:{second}, document 1: Entity component:default/{Name("shared")} is already provided by location file:{first}",
            generated.Text("status.items.0.error.message"));
    }

    [Fact]
    public async Task Deleting_a_location_removes_exactly_its_entities_and_frees_them_for_another()
    {
        Write("nested.yaml", Yaml.Component(Name("y")));
        var first = Write("first.yaml", Yaml.Documents(Yaml.Component(Name("x")), Yaml.Location(Name("l"), "./nested.yaml")));
        var other = Write("other.yaml", Yaml.Documents(Yaml.Component(Name("z")), Yaml.Component(Name("x"), owner: "team-o")));
        var id = await RegisterAndProcessAsync(first);
        var otherId = await RegisterAndProcessAsync(other);

        (await _client.Scenario(HttpMethod.Delete, $"/api/catalog/locations/{id}")).StatusCodeShouldBe(HttpStatusCode.NoContent);

        foreach (var (kind, name) in new[] { ("component", Name("y")), ("location", Name("l")), ("location", new LocationKey("file", first).GeneratedEntityName) })
        {
            Assert.Null(await app.EntityAsync(kind, name));
        }

        Assert.NotNull(await app.EntityAsync("component", Name("z")));
        await app.ProcessAsync(otherId);
        Assert.Equal("team-o", (await app.EntityAsync("component", Name("x")))!.Text("spec.owner"));
        (await _client.Scenario(HttpMethod.Delete, $"/api/catalog/locations/{id}"))
            .ShouldBeError(HttpStatusCode.NotFound, "NotFoundError", $"Found no location with ID {id}");
    }

    [Fact]
    public async Task Errors_never_remove_what_was_ingested_and_show_on_the_location_entity()
    {
        var nested = Write("nested.yaml", Yaml.Component(Name("kept-nested")));
        var path = Write("catalog-info.yaml", Yaml.Documents(Yaml.Component(Name("kept")), Yaml.Location(Name("l"), "./nested.yaml")));
        var id = await RegisterAndProcessAsync(path);

        TempCatalog.Replace(nested, "kind: [broken\n");
        TempCatalog.Replace(path, Yaml.Documents(Yaml.Component(Name("kept")).Replace("  owner: team-a", ""), Yaml.Location(Name("l"), "./nested.yaml")));
        var processed = await app.ProcessAsync(id);

        Assert.Equal(2, processed!.Errors.Count);
        var kept = (await app.EntityAsync("component", Name("kept")))!;
        Assert.Equal("team-a", kept.Text("spec.owner"));
        Assert.Equal(
            $"file:{path}, document 1, spec.owner: /spec must have required property 'owner' - missingProperty: owner",
            kept.Text("status.items.0.error.message"));
        Assert.NotNull(await app.EntityAsync("component", Name("kept-nested")));
        var location = (await app.EntityAsync("location", Name("l")))!;
        Assert.StartsWith($"file:{nested}, document 1: YAML error", location.Text("status.items.0.error.message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_location_of_an_entity_is_found_by_its_origin()
    {
        var path = Write("catalog-info.yaml", Yaml.Component(Name("found")));
        var id = await RegisterAndProcessAsync(path);

        var location = (await _client.GetScenario($"/api/catalog/locations/by-entity/component/default/{Name("found")}")).StatusCodeShouldBe(HttpStatusCode.OK).Json();

        Assert.Equal((id, path), (location.GetProperty("id").GetString(), location.GetProperty("target").GetString()));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindArray = System.Text.Json.JsonValueKind.Array;

}
