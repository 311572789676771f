using Portal.SharedKernel.EventStore;

namespace Portal.SharedKernel.Messaging;

// The outbox is shared by every module: a row per (message, subscribed handler), so each handler retries on its own.
internal static class BusSchema
{
    public const string Name = "bus";

    public static DatabaseSchema Create() => new DatabaseSchema(Name, "bus").Migration(1, "outbox, inbox and dead letters", """
        create table bus.outbox (
            id bigserial primary key,
            message_id uuid not null,
            message_type text not null,
            handler text not null,
            body jsonb not null,
            correlation_id text,
            causation_id text,
            user_subject text,
            attempts int not null default 0,
            next_attempt_at timestamptz not null default now(),
            last_error text,
            created_at timestamptz not null default now());
        create index outbox_due on bus.outbox (next_attempt_at, id);

        create table bus.inbox (
            message_id uuid not null,
            handler text not null,
            handled_at timestamptz not null default now(),
            primary key (message_id, handler));

        create table bus.dead_letters (
            id bigint primary key,
            message_id uuid not null,
            message_type text not null,
            handler text not null,
            body jsonb not null,
            correlation_id text,
            causation_id text,
            user_subject text,
            attempts int not null,
            error text not null,
            created_at timestamptz not null,
            failed_at timestamptz not null default now());
        create index dead_letters_message on bus.dead_letters (message_id);
        """).Migration(2, "whether the publisher was a service", """
        alter table bus.outbox add column is_service boolean not null default false;
        alter table bus.dead_letters add column is_service boolean not null default false;
        """);
}
