namespace Portal.SharedKernel.EventStore;

// The event store's tables in one module's schema; applied before the module's own DDL.
internal static class EventStoreDdl
{
    public const string Component = "events";

    public static DatabaseSchema For(string schema) =>
        new DatabaseSchema(schema, Component).Migration(1, "streams, events and projection progress", $"""
            create table {schema}.streams (
                id text primary key,
                aggregate_type text,
                version bigint not null,
                created_at timestamptz not null default now(),
                updated_at timestamptz not null default now());

            create table {schema}.events (
                seq bigserial primary key,
                id uuid not null,
                stream_id text not null references {schema}.streams (id),
                version bigint not null,
                type text not null,
                data jsonb not null,
                correlation_id text,
                causation_id text,
                user_name text,
                timestamp timestamptz not null default now(),
                tx_id xid8 not null default pg_current_xact_id(),
                unique (stream_id, version));

            -- async projections resume from (tx_id, seq): see ProjectionRunner
            create index events_tx_seq on {schema}.events (tx_id, seq);

            create table {schema}.projection_progress (
                name text primary key,
                last_tx_id xid8 not null default '0',
                last_seq bigint not null default 0,
                updated_at timestamptz not null default now());
            """);
}
