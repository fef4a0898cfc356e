-- The engine's whole state now and then (docs/adr/052), so a restart restores the newest usable one and replays only
-- the events after it. Not the record: the log is, and any snapshot can be thrown away and rebuilt from it. A row is
-- used only when head_hash equals the log's own hash at seq (checked on every restore), and only while the engine
-- accepts its bytes (format version, policy, checksum). The server's role may INSERT, SELECT and DELETE (pruning its
-- old snapshots); it may not UPDATE one.
create table snapshot (
    seq       bigint      primary key check (seq > 0),                 -- the last event the state includes
    head_hash bytea       not null check (length(head_hash) = 32),     -- the chain's hash at seq, when taken
    state     bytea       not null,                                    -- Engine.snapshot(), deflated
    taken_at  timestamptz not null
);
-- Deflated already: PostgreSQL would only try again.
alter table snapshot alter column state set storage external;
