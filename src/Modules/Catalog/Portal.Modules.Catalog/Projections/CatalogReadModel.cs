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
        -- Collation "C" makes ordering ordinal, as Backstage sorts, and lets prefix matches use the index.
        -- (key, value, uid) answers equality filters and sorting in uid / value order; (key, uid) answers exists filters,
        -- facets and full-text in uid order without touching the table; (uid) serves rewrites of one entity.
        create table catalog.search (
            uid uuid not null references catalog.entities (uid) on delete cascade,
            key text collate "C" not null,
            value text collate "C",
            original_value text collate "C");
        create index search_key_value_uid on catalog.search (key, value, uid);
        create index search_key_uid on catalog.search (key, uid) include (value, original_value);
        create index search_uid on catalog.search (uid);

        -- Relations as emitted by the entity whose spec names them, both directions (§11.3): the final entity's
        -- relations are the rows whose source_ref is that entity.
        -- Readers list an entity's relations from relations_source alone, already in Backstage's order (type, targetRef).
        create table catalog.relations (
            originating_uid uuid not null,
            source_ref text not null,
            type text collate "C" not null,
            target_ref text collate "C" not null,
            primary key (originating_uid, source_ref, type, target_ref));
        create index relations_source on catalog.relations (source_ref, type, target_ref);
        create index relations_target on catalog.relations (target_ref);
        -- relations.<type> filters and facets: keys are lower-case, types keep their camelCase.
        create index relations_type_target on catalog.relations (lower(type), target_ref) include (source_ref);

        -- Bumped by every statement that writes catalog.entities (every save of the projection writes it), inside that
        -- save's transaction; concurrent saves queue on the row, so a version names one committed state of the catalog.
        -- Query totals and facet counts are cached per version (ReadVersionCache).
        create table catalog.read_version (id int primary key check (id = 1), version bigint not null);
        insert into catalog.read_version values (1, 0);
        create function catalog.bump_read_version() returns trigger language plpgsql as $$
            begin
                update catalog.read_version set version = version + 1 where id = 1;
                return null;
            end $$;
        create trigger entities_read_version after insert or update or delete on catalog.entities
            for each statement execute function catalog.bump_read_version();
        """;

    // The write path's share of a bulk load: every index row is paid for at insert time. The projection deletes an
    // entity's search rows itself, so a foreign key checked per inserted row buys nothing; relation rows are unique per
    // entity by construction, so a lookup index by originating entity replaces the four-column primary key.
    public const string WritePathDdl = """
        alter table catalog.search drop constraint search_uid_fkey;
        alter table catalog.relations drop constraint relations_pkey;
        create index relations_originating on catalog.relations (originating_uid);
        """;

    // Backstage serves each entity with its relations stitched in; aggregating them from catalog.relations on every read
    // cost more than the rest of a by-query page. catalog.entities.relations holds the served JSON array, or null once a
    // write changed the entity's relation rows; readers fall back to catalog.relations_json for null rows, and
    // RelationStitcher fills them again when the catalog is quiet. Stitching alone does not change what a reader sees,
    // so only writes of the entity itself move the read version.
    public const string StitchedRelationsDdl = """
        alter table catalog.entities add column relations text;
        create index entities_unstitched on catalog.entities (uid) where relations is null;
        -- Writes look up which of the entities they point at are stitched; during a bulk load that is none of them.
        create index entities_stitched on catalog.entities (entity_ref) where relations is not null;
        create function catalog.relations_json(ref text) returns text language plpgsql stable as $$
            begin
                return (
                    select coalesce(
                        '[' || string_agg('{"type":' || to_json(d.type)::text || ',"targetRef":' || to_json(d.target_ref)::text || '}', ','
                            order by d.type, d.target_ref) || ']',
                        '[]')
                    from (select distinct type, target_ref from catalog.relations where source_ref = ref) d);
            end $$;
        drop trigger entities_read_version on catalog.entities;
        create trigger entities_read_version after insert or delete or update of uid, entity_ref, kind, namespace, name, etag, hash, entity
            on catalog.entities for each statement execute function catalog.bump_read_version();
        """;

    // Every entity has a kind row and most a spec.type row, so key and value are far from independent: without a joint
    // estimate PostgreSQL takes kind=component for a few hundred rows instead of most of the catalog and sorts whole
    // ranges where walking one index in uid order stops after a page. A load adds rows faster than autovacuum's defaults
    // notice, and index-only scans need the visibility map that vacuum keeps.
    public const string SearchStatisticsDdl = """
        create statistics catalog.search_key_value (mcv) on key, value from catalog.search;
        alter table catalog.search set (autovacuum_vacuum_insert_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.02);
        analyze catalog.search;
        """;

    // Every relation filter and facet names the relation type, so (lower(type), target_ref) answers them all; an index on
    // target_ref alone served no query and cost a fifth of each relation row's insert.
    public const string UnusedRelationIndexDdl = "drop index catalog.relations_target;";

    // Relations that change are recorded in the entity's stream (EntityRelationsStitched), which moves its etag:
    // relations_digest is the digest of the last recorded ones (none at registration), relations_unrecorded marks a
    // stitched value that differs from it, for RecordStitchedRelations to pick up. Catalogs stitched before this have
    // recorded nothing, so each of their non-empty stitched values is new to its stream.
    public const string RecordedRelationsDdl = """
        create function catalog.relations_digest(relations text) returns text language sql stable
            return encode(sha256(convert_to(relations, 'UTF8')), 'hex');
        alter table catalog.entities add column relations_digest text not null default catalog.relations_digest('[]');
        alter table catalog.entities add column relations_unrecorded boolean not null default false;
        create index entities_unrecorded on catalog.entities (uid) where relations_unrecorded;
        update catalog.entities set relations_unrecorded = true where relations is not null and relations <> '[]';
        """;
}
