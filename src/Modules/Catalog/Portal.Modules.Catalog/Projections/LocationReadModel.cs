namespace Portal.Modules.Catalog.Projections;

// Registered locations and what their last processing found, kept by LocationProjection; the refresh queue the
// processing agent works through.
internal static class LocationReadModel
{
    public const string Ddl = """
        create table catalog.locations (
            id uuid primary key,
            type text not null,
            target text not null,
            presence text,
            entity_ref text not null,
            registered_by text,
            registered_at timestamptz not null,
            errors json not null default '[]',
            unique (type, target));

        -- When each location is processed next, and who asked for it when someone did.
        create table catalog.location_refresh (
            location_id uuid primary key references catalog.locations (id) on delete cascade,
            due_at timestamptz not null,
            requested_by text);
        create index location_refresh_due on catalog.location_refresh (due_at);

        -- The files a location reached on its last processing; the hash lets unchanged files be skipped.
        create table catalog.location_sources (
            location_id uuid not null references catalog.locations (id) on delete cascade,
            source text not null,
            parent_ref text not null,
            content_hash text not null,
            problems json not null,
            primary key (location_id, source));

        -- The one location that provides each entity, the file it came from and the Location entity that pointed at
        -- that file (the ancestry); source and parent_ref are null for a location's generated Location entity.
        create table catalog.location_entities (
            entity_ref text primary key,
            location_id uuid not null references catalog.locations (id) on delete cascade,
            source text,
            parent_ref text);
        create index location_entities_location on catalog.location_entities (location_id, source);
        """;
}
