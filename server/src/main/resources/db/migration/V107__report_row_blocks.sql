-- Incidents and calls kept in blocks of 256 rows (docs/adr/060, vigil.server.reports.RowBlocks): a year is millions
-- of them, and PostgreSQL handing out each row's fields one by one, not the report, was most of a year's report. A
-- block is one row here, its rows packed in `rows`, written whole when one of them changes. Blocks are found by the
-- instants of their first and last rows (creation or recording order, so a period is a run of blocks); a report's
-- BCU and grade filters are applied by the projection, as they were for the grade. The read tables are derived: they
-- are emptied here, and the report follower rebuilds them from the log at its next start.
delete from report_incident_event;
delete from report_scheme;
delete from report_divert;
delete from report_position;
drop table report_incident;
drop table report_call;

create table report_incident_block (
    block_no         integer primary key,        -- rows block_no * 256 to block_no * 256 + 255
    first_created_at bigint  not null,
    last_created_at  bigint  not null,
    rows             bytea   not null
);
create index report_incident_block_period on report_incident_block (last_created_at, first_created_at);

create table report_call_block (
    block_no          integer primary key,
    first_recorded_at bigint  not null,
    last_recorded_at  bigint  not null,
    rows              bytea   not null
);
create index report_call_block_period on report_call_block (last_recorded_at, first_recorded_at);
