using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Modules.Catalog.Contracts;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Messaging;
using Portal.SharedKernel.Modules;
using Portal.Testing;
using static Portal.Modules.Catalog.Tests.TestEntities;

namespace Portal.Modules.Catalog.Tests;

// The catalog used in process by another team's host (BareCatalogHost), with no Portal host and no HTTP.
public sealed class BareCatalogHostTests : IAsyncLifetime
{
    private readonly List<(WebApplication App, string Database)> _hosts = [];

    private async Task<WebApplication> StartAsync(Action<IServiceCollection, IConfiguration>? addMore = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        var app = await BareCatalogHost.StartAsync(database, addMore);
        _hosts.Add((app, database));
        return app;
    }

    [Fact]
    public async Task Upserts_and_reads_an_entity_through_ISender_without_HTTP()
    {
        var app = await StartAsync();
        var name = Unique("svc");

        var written = Assert.Single(await app.Services.SendAsync(new UpsertEntities([Component(name)])));
        var entity = await app.Services.SendAsync(new GetEntityByRef($"component:{name}"));

        Assert.Equal(EntityChange.Created, written.Change);
        Assert.Equal(written.Uid.ToString(), entity!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("group:default/team-a", entity["relations"]![0]!["targetRef"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upserts_and_removals_are_published_to_subscribers_once_committed()
    {
        var app = await StartAsync((services, configuration) => services.AddPortalModule<CatalogListenerModule>(configuration));
        var log = app.Services.GetRequiredService<CatalogEventLog>();
        var name = Unique("svc");

        var created = Assert.Single(await app.Services.SendAsync(new UpsertEntities([Component(name)])));
        var updated = Assert.Single(await app.Services.SendAsync(new UpsertEntities([Component(name, owner: "team-b")])));
        await app.Services.SendAsync(new UpsertEntities([Component(name, owner: "team-b")]));
        await app.Services.SendAsync(new RemoveEntity(created.Uid));
        await app.Services.WaitForBusIdleAsync(TimeSpan.FromSeconds(30));

        object[] expected =
        [
            new EntityUpserted(created.Uid, created.EntityRef, created.Etag, Created: true),
            new EntityUpserted(created.Uid, created.EntityRef, updated.Etag, Created: false),
            new EntityRemoved(created.Uid, created.EntityRef),
        ];
        Assert.Equal(expected.ToHashSet(), log.Received.ToHashSet());
    }

    [Fact]
    public async Task Relations_another_entity_gives_are_published_with_the_etag_they_move_to()
    {
        var app = await StartAsync((services, configuration) => services.AddPortalModule<CatalogListenerModule>(configuration));
        var log = app.Services.GetRequiredService<CatalogEventLog>();
        var team = Unique("team");
        var group = Assert.Single(await app.Services.SendAsync(new UpsertEntities([Group(team)])));
        await app.Services.SendAsync(new UpsertEntities([Component(Unique("svc"), owner: team)]));

        var etag = group.Etag;
        await Background.Eventually(
            async () => (etag = (await app.Services.SendAsync(new GetEntityByRef(group.EntityRef)))!["metadata"]!["etag"]!.GetValue<string>()) != group.Etag,
            "the group's relations were recorded");

        await app.Services.WaitForBusIdleAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(new EntityUpserted(group.Uid, group.EntityRef, etag, Created: false), log.Received);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (app, database) in _hosts)
        {
            await app.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}

internal sealed class CatalogListenerModule : IPortalModule
{
    public string Schema => "catalog_listener";

    public string BasePath => "/api/catalog-listener";

    public ErrorStyle ErrorStyle => ErrorStyle.Plugin;

    public void Register(ModuleBuilder module) => module.Services.TryAddSingleton<CatalogEventLog>();
}

// The catalog's integration events as a subscriber saw them; delivery order is not guaranteed.
internal sealed class CatalogEventLog
{
    private readonly ConcurrentQueue<object> _received = new();

    public IEnumerable<object> Received => _received;

    public void Add(object message) => _received.Enqueue(message);
}

internal sealed class EntityUpsertedListener(CatalogEventLog log) : IMessageHandler<EntityUpserted>
{
    public Task Handle(EntityUpserted message, CancellationToken cancellationToken)
    {
        log.Add(message);
        return Task.CompletedTask;
    }
}

internal sealed class EntityRemovedListener(CatalogEventLog log) : IMessageHandler<EntityRemoved>
{
    public Task Handle(EntityRemoved message, CancellationToken cancellationToken)
    {
        log.Add(message);
        return Task.CompletedTask;
    }
}
