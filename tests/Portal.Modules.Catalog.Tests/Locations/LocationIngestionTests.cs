using Portal.Modules.Catalog.Domain.Locations;

namespace Portal.Modules.Catalog.Tests.Locations;

// What a walk changes, given what the location's last processing left (folded from the plan's events as the
// projection folds them).
public sealed class LocationIngestionTests : IDisposable
{
    private static readonly Dictionary<string, string> NobodyElse = [];

    private readonly TempCatalog _files = new();
    private readonly LocationReading _reading;
    private readonly string _root;
    private LocationState _state;

    public LocationIngestionTests()
    {
        _reading = new LocationReading(_files.AsFileRoot());
        _root = _files.Write("catalog-info.yaml", Yaml.Documents(Yaml.Component("a"), Yaml.Component("b"), Yaml.Location("nested", "./nested.yaml")));
        _files.Write("nested.yaml", Yaml.Component("c"));
        _state = new LocationState(Guid.NewGuid(), new LocationKey("file", _root), null, [], new Dictionary<string, StoredSource>());
    }

    [Fact]
    public async Task The_first_processing_writes_everything_and_records_each_file()
    {
        var plan = await ProcessAsync();

        Assert.Equal(["generated", "a", "b", "nested", "c"], plan.Writes.Select(e => Name(e)));
        Assert.Equal(2, plan.Events.OfType<LocationSourceRead>().Count());
        Assert.Equal(["component:default/a", "component:default/b", "location:default/nested"], plan.Events.OfType<LocationSourceRead>().First().EntityRefs);
        Assert.Empty(plan.Orphans);
    }

    [Fact]
    public async Task An_unchanged_tree_writes_only_its_Location_entities_and_records_nothing()
    {
        await ProcessAsync();

        var plan = await ProcessAsync();

        Assert.Equal(["generated", "nested"], plan.Writes.Select(e => Name(e)));
        Assert.Empty(plan.Events);
    }

    [Fact]
    public async Task A_changed_file_is_written_again_alone_and_what_left_it_is_an_orphan()
    {
        await ProcessAsync();
        _files.Write("nested.yaml", Yaml.Component("d"));

        var plan = await ProcessAsync();

        Assert.Equal(["generated", "nested", "d"], plan.Writes.Select(e => Name(e)));
        Assert.Equal(["component:default/c"], plan.Orphans);
        Assert.Equal(["component:default/d"], Assert.Single(plan.Events.OfType<LocationSourceRead>()).EntityRefs);
    }

    [Fact]
    public async Task A_file_no_longer_reached_is_dropped_with_its_entities()
    {
        await ProcessAsync();
        _files.Write("catalog-info.yaml", Yaml.Documents(Yaml.Component("a"), Yaml.Component("b")));

        var plan = await ProcessAsync();

        Assert.Single(plan.Events.OfType<LocationSourceDropped>());
        Assert.Equal(["component:default/c", "location:default/nested"], plan.Orphans);
    }

    [Fact]
    public async Task A_failing_file_keeps_what_it_provided_and_its_error_goes_on_the_Location_entity_pointing_at_it()
    {
        await ProcessAsync();
        _files.Write("nested.yaml", "kind: [broken\n");

        var plan = await ProcessAsync();

        Assert.Empty(plan.Orphans);
        var error = Assert.Single(plan.Errors);
        Assert.StartsWith($"file:{Path.Combine(_files.Root, "nested.yaml")}, document 1: YAML error", error, StringComparison.Ordinal);
        Assert.Equal(error, Assert.Single(plan.Events.OfType<LocationStatusChanged>()).Errors.Single());
        var nested = plan.Writes.Single(e => Name(e) == "nested");
        Assert.Equal("backstage.io/catalog-processing", nested["status"]!["items"]![0]!["type"]!.GetValue<string>());
        Assert.Null(plan.Writes.Single(e => Name(e) == "generated")["status"]);
    }

    [Fact]
    public async Task After_a_failure_nothing_unreached_counts_as_gone()
    {
        await ProcessAsync();
        _files.Write("catalog-info.yaml", "kind: [broken\n");

        var plan = await ProcessAsync();

        Assert.Empty(plan.Orphans);
        Assert.DoesNotContain(plan.Events, e => e is LocationSourceDropped);
    }

    [Fact]
    public async Task An_entity_provided_by_another_location_is_a_conflict_and_is_not_written()
    {
        var plan = await ProcessAsync(new Dictionary<string, string> { ["component:default/b"] = "url:https://elsewhere/catalog-info.yaml" });

        Assert.DoesNotContain("b", plan.Writes.Select(e => Name(e)));
        Assert.Equal($"file:{_root}, document 2: Entity component:default/b is already provided by location url:https://elsewhere/catalog-info.yaml", Assert.Single(plan.Errors));
        Assert.NotNull(plan.Writes.Single(e => Name(e) == "generated")["status"]);
    }

    [Fact]
    public async Task An_entity_that_turns_invalid_keeps_its_last_good_version()
    {
        await ProcessAsync();
        _files.Write("nested.yaml", Yaml.Component("c").Replace("  owner: team-a", ""));

        var plan = await ProcessAsync();

        Assert.Empty(plan.Orphans);
        Assert.DoesNotContain("c", plan.Writes.Select(e => Name(e)));
        Assert.Contains("spec.owner", Assert.Single(plan.Errors), StringComparison.Ordinal);
        Assert.Equal("spec.owner", Assert.Single(plan.Invalid["component:default/c"]).Field);
    }

    private static string Name(System.Text.Json.Nodes.JsonObject entity) =>
        entity.Name().StartsWith("generated-", StringComparison.Ordinal) ? "generated" : entity.Name();

    // Plans a walk of the location as it is now, then keeps the plan's events in the state, as the projection would.
    private async Task<IngestionPlan> ProcessAsync(Dictionary<string, string>? providedElsewhere = null)
    {
        var plan = LocationIngestion.Plan(_state, await _reading.WalkAsync("file", _root), providedElsewhere ?? NobodyElse);
        var sources = new Dictionary<string, StoredSource>(_state.Sources);
        var errors = _state.Errors;
        foreach (var @event in plan.Events)
        {
            switch (@event)
            {
                case LocationSourceRead read:
                    sources[read.Source] = new StoredSource(read.ParentRef, read.ContentHash, read.EntityRefs, read.Problems);
                    break;
                case LocationSourceDropped dropped:
                    sources.Remove(dropped.Source);
                    break;
                case LocationStatusChanged status:
                    errors = status.Errors;
                    break;
            }
        }

        _state = _state with { Sources = sources, Errors = errors };
        return plan;
    }

    public void Dispose()
    {
        _reading.Dispose();
        _files.Dispose();
    }
}
