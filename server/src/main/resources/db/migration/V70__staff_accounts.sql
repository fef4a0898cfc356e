-- Staff accounts (docs/adr/040): who may log in, as which role and BCU, and how to reach them. The engine's roster
-- (from the event log) decides what a member of staff may do; this table only says who a login is. Passwords are
-- bcrypt hashes; an account with none cannot log in until an administrator sets one. Accounts are disabled, never
-- deleted, so a username stays taken as an id does on the roster. A unit's terminal (role UNIT) is named after its
-- unit and acts as it.
create table staff_account (
    username      text        primary key check (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    password_hash text,
    role          text        not null,
    bcu           text,
    unit_id       text        check (unit_id is null or unit_id = username),
    email         text        check (email is null or length(email) <= 254),
    enabled       boolean     not null default true,
    created_at    timestamptz not null,
    check ((role = 'UNIT') = (unit_id is not null))
);

-- Every answer that gave a scheme's victim details to someone (docs/adr/041): who, when, through which path, which
-- schemes. Insert-only, like the log.
create table victim_detail_read (
    id         bigint generated always as identity primary key,
    at         timestamptz not null,
    staff_id   text        not null,
    role       text        not null,
    path       text        not null,
    scheme_ids text[]      not null
);

create trigger victim_detail_read_no_update_or_delete before update or delete on victim_detail_read
    for each row execute function refuse_change();
create trigger victim_detail_read_no_truncate before truncate on victim_detail_read
    for each statement execute function refuse_change();

-- GET /api/calls/{id}: where a call was recorded and which incident took it. Partial, so the writer pays for it only
-- on these three kinds of event (the JSON is parsed for them alone).
create index event_call on event ((payload->>'callId')) where type in ('CallRecorded', 'IncidentCreated', 'CallLinked');
