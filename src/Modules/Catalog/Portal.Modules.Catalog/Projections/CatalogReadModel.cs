namespace Portal.Modules.Catalog.Projections;

// The tables every catalog query reads, kept by the inline entity projection in the same transaction as the events.
internal static class CatalogReadModel
{
    public const string Ddl = """
        -- One row per visible entity: the entity as the API serves it (metadata.uid and etag in, relations out, which
        -- readers add from catalog.relations). json, not jsonb, keeps the key order it was written with.
        -- entity_ref, kind, namespace and name are lower-case; hash identifies the content (EntityContent).
        create table catalog.entities (
            uid uuid primary key,
            entity_ref text not null unique,
            kind text not null,
            namespace text not null,
            name text not null,
            etag text not null,
            hash text not null,
            entity json not null,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now());

        -- Backstage's flattened search index: lower-cased (key, value) rows of the final entity (catalog-behaviour.md §1.3).
        -- value is null for json nulls and values over 200 characters; original_value keeps the case for facets.
        create table catalog.search (
            uid uuid not null references catalog.entities (uid) on delete cascade,
            key text not null,
            value text,
            original_value text);
        create index search_key_value_uid on catalog.search (key, value, uid);
        create index search_uid on catalog.search (uid);

        -- Relations as emitted by the entity whose spec names them, both directions (§11.3): the final entity's
        -- relations are the rows whose source_ref is that entity.
        create table catalog.relations (
            originating_uid uuid not null,
            source_ref text not null,
            type text not null,
            target_ref text not null,
            primary key (originating_uid, source_ref, type, target_ref));
        create index relations_source on catalog.relations (source_ref);
        create index relations_target on catalog.relations (target_ref);
        """;

    // The write path's share of a bulk load: every index row is paid for at insert time. The projection deletes an
    // entity's search rows itself, so a foreign key checked per inserted row buys nothing; relation rows are unique per
    // entity by construction, so a lookup index by originating entity replaces the four-column primary key.
    public const string WritePathDdl = """
        alter table catalog.search drop constraint search_uid_fkey;
        alter table catalog.relations drop constraint relations_pkey;
        create index relations_originating on catalog.relations (originating_uid);
        """;
}
