package vigil.server.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import vigil.server.db.LocalPostgres.Login;

/**
 * Flyway migrations own the schema ({@code db/migration}); they run as the schema's owner and grant the server's role
 * INSERT and SELECT, nothing more. Without an owner the schema must already be at this version. Either way the
 * server's role is then checked: a role that could rewrite the log is refused.
 */
final class Migrations {
    /** Tables the server's role may only INSERT into and SELECT from. */
    static final List<String> APPEND_ONLY = List.of("event", "idempotency_key", "victim_detail_read",
            "notice_mail_attempt");
    /** Tables derived from the log (docs/adr/060), which the server's role maintains: any change but their schema. */
    static final List<String> READ_TABLES = List.of("report_position", "report_incident_block", "report_call_block",
            "report_divert", "report_scheme", "report_incident_event");
    /** Tables of state the server can always rebuild from the log (ADR 052): it adds rows and prunes old ones. */
    static final List<String> PRUNED = List.of("snapshot");
    /**
     * Tables the server's role may also UPDATE (never DELETE): staff accounts are disabled, not removed; notices are
     * marked read and their mail sent, never taken back (docs/adr/080).
     */
    static final List<String> UPDATABLE = List.of("staff_account", "notice_position", "notice", "notice_mail");
    /** The pages' sessions (docs/adr/121): made, touched and ended by logins, and swept once they expire. */
    static final List<String> SESSIONS = List.of("spring_session", "spring_session_attributes");

    private Migrations() {}

    static void migrate(String url, Login owner, String appRole) {
        if (!appRole.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalStateException("VIGIL_DB_USER \"" + appRole + "\" is not a plain role name");
        }
        try {
            flyway(url, owner.user(), owner.password()).migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("database migration failed: " + firstLine(e.getMessage()), e);
        }
        // Grants are given at every start, not in a migration: the server's role may be renamed without a new one.
        try (Connection c = DriverManager.getConnection(url, owner.user(), owner.password());
             Statement s = c.createStatement()) {
            String tables = String.join(", ", APPEND_ONLY);
            s.execute("revoke all on " + tables + " from public");
            if (appRole.equals(owner.user())) {
                return; // refused by checkRestricted; do not take the owner's rights away first
            }
            s.execute("revoke all on " + tables + " from \"" + appRole + "\"");
            s.execute("grant select, insert on " + tables + " to \"" + appRole + "\"");
            s.execute("grant select on flyway_schema_history to \"" + appRole + "\"");
            s.execute("grant select, insert, update, delete on " + String.join(", ", READ_TABLES) + " to \""
                    + appRole + "\"");
            String pruned = String.join(", ", PRUNED);
            s.execute("revoke all on " + pruned + " from public");
            s.execute("revoke all on " + pruned + " from \"" + appRole + "\"");
            s.execute("grant select, insert, delete on " + pruned + " to \"" + appRole + "\"");
            String updatable = String.join(", ", UPDATABLE);
            s.execute("revoke all on " + updatable + " from public");
            s.execute("revoke all on " + updatable + " from \"" + appRole + "\"");
            s.execute("grant select, insert, update on " + updatable + " to \"" + appRole + "\"");
            s.execute("grant select, insert, update, delete on " + String.join(", ", SESSIONS) + " to \""
                    + appRole + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the server's role " + appRole + " its rights: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Connects once as {@code login}, so that a database that cannot be reached, or a login it refuses, is said as that
     * (naming the setting) and not as whatever Flyway makes of it.
     */
    static void reach(String url, Login login, String setting) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("VIGIL_DB_URL is not a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://HOST:PORT/DATABASE): " + url);
        }
        try (Connection c = DriverManager.getConnection(url, login.user(), login.password())) {
            c.isValid(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database " + url + " as " + setting + " "
                    + login.user() + ": " + firstLine(e.getMessage()), e);
        }
    }

    static void validate(String url, Login app) {
        try {
            flyway(url, app.user(), app.password()).validate();
        } catch (FlywayException e) {
            throw new IllegalStateException("the database schema is not at this version of Vigil and no owner was given"
                    + " to migrate it: start once with VIGIL_DB_OWNER and VIGIL_DB_OWNER_PASSWORD set ("
                    + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static Flyway flyway(String url, String user, String password) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** Refuses a server role that may change the log: a superuser, the owner, or one granted UPDATE/DELETE/TRUNCATE. */
    static void checkRestricted(String url, Login app) {
        try (Connection c = DriverManager.getConnection(url, app.user(), app.password())) {
            try (PreparedStatement s = c.prepareStatement("select rolsuper from pg_roles where rolname = current_user");
                 ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new IllegalStateException("VIGIL_DB_USER " + app.user() + " is a superuser; give the server a"
                            + " role that may only INSERT into and SELECT from the event log (docs/operations.md)");
                }
            }
            List<String> wrong = new ArrayList<>();
            for (String table : APPEND_ONLY) {
                try (PreparedStatement s = c.prepareStatement("""
                        select has_table_privilege(current_user, ?, 'SELECT'),
                               has_table_privilege(current_user, ?, 'INSERT'),
                               has_table_privilege(current_user, ?, 'UPDATE'),
                               has_table_privilege(current_user, ?, 'DELETE'),
                               has_table_privilege(current_user, ?, 'TRUNCATE'),
                               pg_has_role(current_user, (select relowner from pg_class where oid = ?::regclass),
                                           'USAGE')""")) {
                    for (int i = 1; i <= 6; i++) {
                        s.setString(i, table);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1) || !rs.getBoolean(2)) {
                            wrong.add("cannot SELECT and INSERT " + table);
                        }
                        if (rs.getBoolean(6)) {
                            wrong.add("owns " + table + " (so may grant itself anything)");
                        } else if (rs.getBoolean(3) || rs.getBoolean(4) || rs.getBoolean(5)) {
                            wrong.add("may UPDATE, DELETE or TRUNCATE " + table);
                        }
                    }
                }
            }
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("VIGIL_DB_USER " + app.user() + " " + String.join(", ", wrong)
                        + "; it must be allowed to INSERT and SELECT the log and nothing more (docs/operations.md)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the server's database role: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
