using Microsoft.Extensions.DependencyInjection;
using Portal.Modules.Catalog.Domain;
using Portal.Modules.Catalog.Domain.Locations;
using Portal.Modules.Catalog.Infrastructure.Locations;
using Portal.Modules.Catalog.Projections;
using Portal.SharedKernel.Http;
using Portal.SharedKernel.Modules;

namespace Portal.Modules.Catalog;

/// <summary>Backstage's software catalog under <c>/api/catalog</c>. Add it to any ASP.NET Core host with
/// <c>services.AddPortalModule&lt;CatalogModule&gt;(configuration)</c>.</summary>
public sealed class CatalogModule : IPortalModule
{
    public string Schema => "catalog";

    public string BasePath => "/api/catalog";

    public ErrorStyle ErrorStyle => ErrorStyle.Backstage;

    public void Register(ModuleBuilder module)
    {
        module.Database.Migration(1, "entities, search index and relations", CatalogReadModel.Ddl);
        module.Database.Migration(2, "lighter writes: no per-row foreign key on search, relations keyed by origin", CatalogReadModel.WritePathDdl);
        module.Database.Migration(3, "locations, their files and the entities they provide", LocationReadModel.Ddl);
        module.Database.Migration(4, "relations stitched into the entity row", CatalogReadModel.StitchedRelationsDdl);
        module.Database.Migration(5, "joint statistics of search keys and values", CatalogReadModel.SearchStatisticsDdl);
        module.Database.Migration(6, "no index on relation targets alone, which no query used", CatalogReadModel.UnusedRelationIndexDdl);
        module.Database.Migration(7, "relations recorded in each entity's stream", CatalogReadModel.RecordedRelationsDdl);
        module.Events
            .Add<EntityRegistered>("catalog.entity-registered")
            .Add<EntityUpdated>("catalog.entity-updated")
            .Add<EntityRemoved>("catalog.entity-removed")
            .Add<EntityRelationsStitched>("catalog.entity-relations-stitched")
            .Add<LocationRegistered>("catalog.location-registered")
            .Add<LocationRefreshRequested>("catalog.location-refresh-requested")
            .Add<LocationSourceRead>("catalog.location-source-read")
            .Add<LocationSourceDropped>("catalog.location-source-dropped")
            .Add<LocationStatusChanged>("catalog.location-status-changed")
            .Add<LocationRemoved>("catalog.location-removed");
        module.Projections.Inline<EntityProjection>();
        module.Projections.Inline<RecordedRelationsProjection>();
        module.Projections.Inline<LocationProjection>();
        module.Services.AddSingleton<EntityReader>();
        module.Services.AddOptions<QueryCacheOptions>()
            .Bind(module.Configuration.GetSection(QueryCacheOptions.Section))
            .Validate(o => o.Megabytes >= 0, $"{QueryCacheOptions.Section}:Megabytes must be 0 (no cache) or more")
            .ValidateOnStart();
        module.Services.AddSingleton<ReadVersionCache>();
        module.Services.AddSingleton<EntityPages>();
        module.Services.AddSingleton<EntityQueryRunner>();
        module.Services.AddOptions<RelationStitchingOptions>()
            .Bind(module.Configuration.GetSection(RelationStitchingOptions.Section))
            .Validate(o => o.MaxDelay > TimeSpan.Zero, $"{RelationStitchingOptions.Section}:MaxDelay must be a positive time span such as 00:01:00")
            .ValidateOnStart();
        module.Services.AddHostedService<RelationStitcher>();
        module.Services.AddScoped<Features.Entities.EntityWrites>();
        module.Services.AddSingleton<LocationReader>();
        module.Services.AddLocations(module.Configuration);
    }
}
