-- The standard reports' read tables (docs/adr/060): the report projection (vigil.sim.report.Daris) saved as rows by
-- the report follower, which reads the event log from its recorded position, checks the hash chain as it goes, and
-- saves each batch's changed rows with its new position in one transaction. Instants are nanoseconds since the epoch
-- (bigint; -9223372036854775808 = absent), as the projection keeps them. Derived from the log: they may be dropped
-- and rebuilt from it at any time, unlike the log itself.
create table report_position (
    name           text    primary key,          -- 'daris': one follower
    last_seq       bigint  not null,             -- the last event projected
    last_at        bigint  not null,
    first_at       bigint  not null,             -- the first event's instant (a report's default start)
    state          text,                         -- the projection's small state (scheme requests pending)
    head           bytea   not null,             -- the chain's hash at last_seq, as recomputed
    verified_up_to bigint  not null,             -- every event up to this one matched the chain
    broken_at      bigint,                       -- the first event that did not, if any
    broken_reason  text
);

create table report_incident (
    row_no      integer primary key,             -- creation order
    incident_id text,                            -- null once no report could list it
    bcu         text    not null,
    created_at  bigint  not null,
    target_at   bigint  not null,
    end_at      bigint  not null,
    flags       bigint  not null,
    tagged_at   bigint  not null,
    grades      text
);
create index report_incident_created on report_incident (created_at);
create index report_incident_bcu_created on report_incident (bcu, created_at);
create index report_incident_listable on report_incident (created_at) where incident_id is not null;

create table report_call (
    row_no          integer primary key,
    recorded_at     bigint  not null,
    incident_row    integer not null,
    waiting_call_id text
);
create index report_call_recorded on report_call (recorded_at);

create table report_divert (
    idx          integer primary key,            -- time order
    original_row integer not null,
    incident_id  text    not null,
    at           bigint  not null,
    data         text    not null
);
create index report_divert_at on report_divert (at);

create table report_scheme (
    idx          integer primary key,            -- activation order
    scheme_id    text    not null,
    bcu          text    not null,
    activated_at bigint  not null,
    data         text    not null
);

-- Which events name an incident: the timeline's index into the log.
create table report_incident_event (
    incident_id text   not null,
    seq         bigint not null,
    primary key (incident_id, seq)
);
