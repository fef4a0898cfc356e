-- Notices and their email (docs/adr/080): the notifier follows the event log from its own recorded position (the log
-- is the outbox) and turns each addressed event into one notice per recipient, with the mail to send for it, and its
-- new position, in one transaction per batch. Unique on (seq, recipient): a batch read again after a crash adds
-- nothing. Derived from the log, but not droppable like the report tables: read marks and sent mail live only here.
create table notice_position (
    name     text   primary key,                       -- 'notifier': one follower
    last_seq bigint not null
);

create table notice (
    id         bigint      generated always as identity primary key,
    seq        bigint      not null,                   -- the event it tells of
    recipient  text        not null,                   -- a staff id, or a unit terminal's username (its unit's id)
    kind       text        not null,                   -- the template: the event's type (DivertOverridden.unit ...)
    subject    text        not null,
    body       text        not null,
    link       text        not null,                   -- the page it is about: /incidents/{id}, /schemes/{id}, ...
    created_at timestamptz not null,
    read_at    timestamptz,
    unique (seq, recipient)
);
create index notice_mine on notice (recipient, id);
create index notice_unread on notice (recipient) where read_at is null;

-- The mail outbox: a notice to someone with an address (when SMTP is configured), or a signed checkpoint for
-- VIGIL_AUDIT_EMAIL. message_id is derived from what it is about, so a resend after a crash is the same message.
create table notice_mail (
    id              bigint      generated always as identity primary key,
    notice_id       bigint      references notice (id),    -- null for a checkpoint
    address         text        not null,
    subject         text        not null,
    body            text        not null,
    message_id      text        not null unique,
    state           text        not null check (state in ('PENDING', 'SENT', 'ABANDONED')),
    attempts        integer     not null default 0,
    refusals        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index notice_mail_due on notice_mail (next_attempt_at) where state = 'PENDING';

-- Every attempt to send a mail and what came of it. Insert-only.
create table notice_mail_attempt (
    id       bigint      generated always as identity primary key,
    mail_id  bigint      not null references notice_mail (id),
    at       timestamptz not null,
    outcome  text        not null check (outcome in ('SENT', 'FAILED', 'REFUSED')),
    detail   text
);
create index notice_mail_attempt_mail on notice_mail_attempt (mail_id, id);

create trigger notice_mail_attempt_no_update_or_delete before update or delete on notice_mail_attempt
    for each row execute function refuse_change();
create trigger notice_mail_attempt_no_truncate before truncate on notice_mail_attempt
    for each statement execute function refuse_change();
