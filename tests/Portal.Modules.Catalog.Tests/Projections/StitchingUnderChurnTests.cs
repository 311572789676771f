using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Modules.Catalog.Contracts;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests.Projections;

// A catalog written to more often than its quiet period still gets its relations stitched and recorded, every
// Catalog:Stitching:MaxDelay at the latest.
public sealed class StitchingUnderChurnTests : IAsyncLifetime
{
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(250);

    private string _database = "";

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_database);

    [Fact]
    public async Task Relations_are_recorded_while_writes_never_pause_for_the_quiet_period()
    {
        await using var host = await BareCatalogHost.StartAsync(
            _database, (_, configuration) => configuration["Catalog:Stitching:MaxDelay"] = "00:00:01");
        var team = Unique("team");
        await host.Services.SendAsync(new UpsertEntities([Group(team)]));
        await using var recorded = host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select count(*) from catalog.events where type = 'catalog.entity-relations-stitched'");

        var writes = 0;
        while ((long)(await recorded.ExecuteScalarAsync())! == 0)
        {
            Assert.True(writes < 60, "nothing was recorded within 15 s of writes every 250 ms");
            await host.Services.SendAsync(new UpsertEntities([Component(Unique("svc"), owner: team)]));
            writes++;
            await Task.Delay(WriteEvery);
        }
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public async Task A_max_delay_that_is_not_positive_stops_the_start_saying_so(string maxDelay)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BareCatalogHost.StartAsync(
            _database, (_, configuration) => configuration["Catalog:Stitching:MaxDelay"] = maxDelay));

        Assert.Equal("Catalog:Stitching:MaxDelay must be a positive time span such as 00:01:00", error.Message);
    }

    [Fact]
    public async Task A_max_delay_that_is_not_a_time_span_stops_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BareCatalogHost.StartAsync(
            _database, (_, configuration) => configuration["Catalog:Stitching:MaxDelay"] = "a minute"));

        Assert.Equal("Failed to convert configuration value 'a minute' at 'Catalog:Stitching:MaxDelay' to type 'System.TimeSpan'.", error.Message);
    }
}
