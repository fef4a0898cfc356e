-- Every change to an account row is announced on the channel staff_account_changed, naming its username ('*' for a
-- truncate), so a server that keeps account rows in memory forgets the row at once, whoever changed it: this server,
-- another on the same database, or someone with SQL (docs/adr/054). Repeatable (R__), so Flyway applies it after every
-- versioned migration, when staff_account exists; re-applied whenever this file changes.
create or replace function staff_account_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        perform pg_notify('staff_account_changed', '*');
    elsif tg_op = 'DELETE' then
        perform pg_notify('staff_account_changed', old.username);
    else
        perform pg_notify('staff_account_changed', new.username);
        if tg_op = 'UPDATE' and old.username <> new.username then
            perform pg_notify('staff_account_changed', old.username);
        end if;
    end if;
    return null;
end
$$;

drop trigger if exists staff_account_changed on staff_account;
create trigger staff_account_changed after insert or update or delete on staff_account
    for each row execute function staff_account_changed();
drop trigger if exists staff_account_truncated on staff_account;
create trigger staff_account_truncated after truncate on staff_account
    for each statement execute function staff_account_changed();
