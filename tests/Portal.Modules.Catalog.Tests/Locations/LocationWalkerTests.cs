using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

// Walking a registered location's tree of files: annotations, nesting, cycles, limits and problems.
public sealed class LocationWalkerTests : IAsyncLifetime
{
    private readonly TempCatalog _files = new();
    private CatalogFileServer _server = null!;
    private LocationReading _reading = null!;

    public async Task InitializeAsync()
    {
        _server = await CatalogFileServer.StartAsync();
        _reading = new LocationReading(new Dictionary<string, string?>(_files.AsFileRoot()) { ["Catalog:Locations:ReadTimeout"] = "00:00:02" });
    }

    [Fact]
    public async Task Nested_file_locations_are_followed_and_annotated_as_Backstage_does()
    {
        var root = _files.Write("catalog-info.yaml", Yaml.Documents(Yaml.Component("svc-a"), Yaml.Location("team-locations", "./teams/all.yaml")));
        var teams = _files.Write("teams/all.yaml", Yaml.Documents(Yaml.Component("svc-b"), Yaml.Location("deeper", "../more/b.yaml")));
        var more = _files.Write("more/b.yaml", Yaml.Component("svc-c"));

        var walk = await _reading.WalkAsync("file", root);

        var generated = $"location:default/{new LocationKey("file", root).GeneratedEntityName}";
        Assert.Equal([generated, "component:default/svc-a", "location:default/team-locations", "component:default/svc-b", "location:default/deeper", "component:default/svc-c"], walk.Refs());
        Assert.Equal(
            [(root, generated, 0), (teams, "location:default/team-locations", 1), (more, "location:default/deeper", 2)],
            walk.Sources.Select(s => (s.Location.Target, s.ParentRef, s.Depth)));
        var svcC = walk.Entities.Single(e => e.Ref == "component:default/svc-c");
        Assert.Equal(($"file:{more}", $"file:{root}"), (svcC.Annotation("backstage.io/managed-by-location"), svcC.Annotation("backstage.io/managed-by-origin-location")));
        Assert.Equal("default", svcC.Entity["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Empty(walk.Problems);
        Assert.All(walk.Sources, s => Assert.Equal(64, s.ContentHash!.Length));
    }

    [Fact]
    public async Task Nested_url_locations_resolve_relative_targets_and_get_view_urls()
    {
        var root = _server.Serve("/repo/catalog-info.yaml", Yaml.Documents(Yaml.Component("web-a"), Yaml.Location("subs", "sub/x.yaml", "/other/y.yaml")));
        var sub = _server.Serve("/repo/sub/x.yaml", Yaml.Component("web-b"));
        _server.Serve("/other/y.yaml", Yaml.Component("web-c"));

        var walk = await _reading.WalkAsync("url", root);

        Assert.Empty(walk.Problems);
        var webB = walk.Entities.Single(e => e.Ref == "component:default/web-b");
        Assert.Equal(($"url:{sub}", $"url:{root}", sub), (webB.Annotation("backstage.io/managed-by-location"), webB.Annotation("backstage.io/managed-by-origin-location"), webB.Annotation("backstage.io/view-url")));
        Assert.Contains("component:default/web-c", walk.Refs());
        Assert.Equal(root, walk.RootEntity.Annotation("backstage.io/view-url"));
    }

    [Fact]
    public async Task A_cycle_is_reported_and_each_file_is_read_once()
    {
        var a = _server.Serve("/cycle/a.yaml", Yaml.Location("to-b", "./b.yaml"));
        var b = _server.Serve("/cycle/b.yaml", Yaml.Documents(Yaml.Component("in-b"), Yaml.Location("back-to-a", "./a.yaml")));

        var walk = await _reading.WalkAsync("url", a);

        var problem = Assert.Single(walk.Problems);
        Assert.Equal($"url:{b}, document 2, spec.target: Location cycle: url:{a} -> url:{b} -> url:{a}", problem.ToString());
        Assert.Equal((1, 1), (_server.Hits("/cycle/a.yaml"), _server.Hits("/cycle/b.yaml")));
        Assert.Contains("component:default/in-b", walk.Refs());
    }

    [Fact]
    public async Task A_file_reached_twice_without_a_cycle_is_read_once()
    {
        var root = _server.Serve("/diamond/root.yaml", Yaml.Location("both", "./left.yaml", "./right.yaml"));
        _server.Serve("/diamond/left.yaml", Yaml.Location("left", "./shared.yaml"));
        _server.Serve("/diamond/right.yaml", Yaml.Location("right", "./shared.yaml"));
        _server.Serve("/diamond/shared.yaml", Yaml.Component("shared"));

        var walk = await _reading.WalkAsync("url", root);

        Assert.Empty(walk.Problems);
        Assert.Equal(1, _server.Hits("/diamond/shared.yaml"));
        Assert.Equal("location:default/left", walk.Sources.Single(s => s.Location.Target.EndsWith("shared.yaml", StringComparison.Ordinal)).ParentRef);
    }

    [Fact]
    public async Task Nesting_deeper_than_the_limit_stops_with_a_problem()
    {
        for (var i = 0; i < 12; i++)
        {
            _files.Write($"chain/{i}.yaml", Yaml.Documents(Yaml.Component($"c{i}"), Yaml.Location($"l{i}", $"./{i + 1}.yaml")));
        }

        var walk = await _reading.WalkAsync("file", Path.Combine(_files.Root, "chain", "0.yaml"));

        Assert.Equal(11, walk.Sources.Count);
        var problem = Assert.Single(walk.Problems);
        Assert.Equal(Path.Combine(_files.Root, "chain", "10.yaml"), problem.Location.Target);
        Assert.StartsWith("Locations nested deeper than 10 levels (Catalog:Locations:MaxNestingDepth)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_entity_is_reported_with_its_file_document_and_field_and_its_siblings_are_kept()
    {
        var root = _files.Write("invalid/catalog-info.yaml", Yaml.Documents(Yaml.Component("good"), Yaml.Component("bad").Replace("  owner: team-a\n", "").Replace("  owner: team-a", "")));

        var walk = await _reading.WalkAsync("file", root);

        var bad = walk.Entities.Single(e => e.Ref == "component:default/bad");
        var problem = Assert.Single(bad.Problems);
        Assert.Equal((2, "spec.owner"), (problem.Document, problem.Field));
        Assert.Equal($"file:{root}, document 2, spec.owner: /spec must have required property 'owner' - missingProperty: owner", problem.ToString());
        Assert.True(walk.Entities.Single(e => e.Ref == "component:default/good").IsValid);
    }

    [Fact]
    public async Task The_same_entity_from_two_files_is_a_duplicate_and_the_first_wins()
    {
        var root = _files.Write("dup/a.yaml", Yaml.Documents(Yaml.Component("twice"), Yaml.Location("more", "./b.yaml")));
        var second = _files.Write("dup/b.yaml", Yaml.Component("twice", owner: "team-b"));

        var walk = await _reading.WalkAsync("file", root);

        var problem = Assert.Single(walk.Problems);
        Assert.Equal($"file:{second}, document 1: Duplicate nested entity: component:default/twice", problem.ToString());
        Assert.True(walk.Entities.First(e => e.Ref == "component:default/twice").IsValid);
    }

    [Fact]
    public async Task A_missing_target_is_an_error_unless_its_presence_is_optional()
    {
        var root = _files.Write("presence/a.yaml", Yaml.Documents(
            Yaml.Location("required", "./missing-1.yaml"),
            Yaml.Location("optional", "./missing-2.yaml").Replace("spec:", "spec:\n  presence: optional")));

        var walk = await _reading.WalkAsync("file", root);
        var optionalRoot = await _reading.WalkAsync("file", Path.Combine(_files.Root, "nothing.yaml"), presence: "optional");

        var problem = Assert.Single(walk.Problems);
        Assert.Equal($"file:{Path.Combine(_files.Root, "presence", "missing-1.yaml")}: Unable to read: no such file", problem.ToString());
        Assert.Empty(optionalRoot.Problems);
        Assert.Equal(2, walk.Sources.Count(s => s.ContentHash is null));
    }

    [Fact]
    public async Task A_broken_file_fails_alone()
    {
        var root = _files.Write("broken/a.yaml", Yaml.Documents(Yaml.Component("fine"), Yaml.Location("to-broken", "./b.yaml", "./c.yaml")));
        var broken = _files.Write("broken/b.yaml", "a: 1\n---\nkey: [unclosed\n");
        _files.Write("broken/c.yaml", Yaml.Component("also-fine"));

        var walk = await _reading.WalkAsync("file", root);

        var source = walk.Sources.Single(s => s.Location.Target == broken);
        Assert.Equal((2, null), (source.Error!.Document, source.ContentHash));
        Assert.StartsWith($"file:{broken}, document 2: YAML error", source.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("component:default/also-fine", walk.Refs());
    }

    [Fact]
    public async Task A_remote_file_cannot_point_at_the_host_s_files_nor_at_unknown_types()
    {
        var root = _server.Serve("/escape.yaml", Yaml.Documents(
            Yaml.Location("local", "/etc/passwd").Replace("spec:", "spec:\n  type: file"),
            Yaml.Location("ftp", "ftp://host/x.yaml").Replace("spec:", "spec:\n  type: ftp")));

        var walk = await _reading.WalkAsync("url", root);

        Assert.Equal(
            ["'/etc/passwd' cannot be read from a url location", "locations of type 'ftp' are not allowed"],
            walk.Problems.Select(p => p.Message));
        Assert.Single(walk.Sources);
    }

    [Fact]
    public async Task A_slow_file_times_out_while_its_siblings_are_read()
    {
        var root = _server.Serve("/slow/root.yaml", Yaml.Location("both", "./slow.yaml", "./fast.yaml"));
        _server.Handle("/slow/slow.yaml", async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        _server.Serve("/slow/fast.yaml", Yaml.Component("quick"));

        var walk = await _reading.WalkAsync("url", root);

        Assert.Contains("component:default/quick", walk.Refs());
        Assert.Equal("Unable to read: no answer within 2 s (Catalog:Locations:ReadTimeout)", Assert.Single(walk.Problems).Message);
    }

    public async Task DisposeAsync()
    {
        _reading.Dispose();
        _files.Dispose();
        await _server.DisposeAsync();
    }
}
