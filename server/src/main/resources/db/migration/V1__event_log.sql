-- The control room's record: every event the engine recorded, in seq order, chained by SHA-256 (docs/adr/031).
-- Rows are only ever added. The server's role may INSERT and SELECT; the triggers below refuse even the owner's
-- UPDATE, DELETE and TRUNCATE unless it first disables them, which the chain and the signed checkpoints then expose.
create table event (
    seq       bigint      primary key check (seq > 0),
    at        timestamptz not null,
    type      text        not null,
    actor     text,                                     -- null: a deadline the engine fired itself
    payload   json        not null,                     -- the event's replay line, kept byte for byte
    prev_hash bytea       not null check (length(prev_hash) = 32),
    hash      bytea       not null check (length(hash) = 32)
);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'table % is append-only (% refused)', tg_table_name, tg_op;
end
$$;

create trigger event_no_update_or_delete before update or delete on event
    for each row execute function refuse_change();
create trigger event_no_truncate before truncate on event
    for each statement execute function refuse_change();

-- A command sent with an Idempotency-Key, and its answer: a retry gets the answer again and changes nothing.
create table idempotency_key (
    actor        text        not null,                  -- keys are the caller's own: one user cannot replay another's
    key          text        not null,
    request_hash bytea       not null check (length(request_hash) = 32),
    answer       json        not null,                  -- {"events":[...],"lastSeq":N}, as first answered
    first_seq    bigint      not null references event (seq),
    recorded_at  timestamptz not null,
    primary key (actor, key)
);

create trigger idempotency_key_no_update_or_delete before update or delete on idempotency_key
    for each row execute function refuse_change();
create trigger idempotency_key_no_truncate before truncate on idempotency_key
    for each statement execute function refuse_change();
