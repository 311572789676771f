namespace Portal.Modules.Catalog.Tests.Locations;

public sealed class OrphanStrategyTests(KeepOrphansApp app) : IClassFixture<KeepOrphansApp>
{
    private readonly HttpClient _client = app.CreateClientWithServiceToken();

    [Fact]
    public async Task With_the_keep_strategy_an_orphan_stays_marked_and_comes_back_unmarked()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var path = app.Files.Write($"{run}/catalog-info.yaml", Yaml.Documents(Yaml.Component($"stays-{run}"), Yaml.Component($"orphan-{run}")));
        var id = await _client.RegisteredIdAsync("file", path);
        await app.ProcessAsync(id);

        TempCatalog.Replace(path, Yaml.Component($"stays-{run}"));
        await app.ProcessAsync(id);
        var orphan = await app.EntityAsync("component", $"orphan-{run}");

        TempCatalog.Replace(path, Yaml.Documents(Yaml.Component($"stays-{run}"), Yaml.Component($"orphan-{run}")));
        await app.ProcessAsync(id);
        var adopted = await app.EntityAsync("component", $"orphan-{run}");

        Assert.Equal("true", orphan!.Annotation("backstage.io/orphan"));
        Assert.Null(adopted!["metadata"]!["annotations"]!["backstage.io/orphan"]);
    }
}
