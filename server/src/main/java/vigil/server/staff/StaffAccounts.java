package vigil.server.staff;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import vigil.core.Event;
import vigil.core.Recorded;
import vigil.core.Role;

/**
 * The {@code staff_account} table: who may log in, as which role, BCU and (for a unit's terminal) unit, and the email
 * address notices go to. What an account may do is the engine roster's business; an account is only a login. Accounts
 * are disabled, never deleted, as ids stay taken on the roster.
 */
@Component
public class StaffAccounts {
    /** bcrypt reads at most 72 bytes: a longer password would be cut silently, so it is refused. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_EMAIL_LENGTH = 254;
    /** Where the demo staff's mail goes: {@code .invalid} is reserved (RFC 2606), so nothing is ever delivered. */
    public static final String DEMO_MAIL_DOMAIN = "demo.vigil.invalid";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O, 1/l/I: passwords are read off a file and typed. 20 of these are about 116 bits. */
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int GENERATED_LENGTH = 20;
    private static final String COLUMNS = "username, role, bcu, unit_id, email, enabled, password_hash";
    private static final RowMapper<Stored> ROW = (rs, n) -> new Stored(new Account(rs.getString(1),
            Role.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
            rs.getString(7) != null), rs.getString(7));

    private final JdbcClient jdbc;
    private final AccountCache cache;
    final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    StaffAccounts(DataSource dataSource, AccountCache cache) {
        this.jdbc = JdbcClient.create(dataSource);
        this.cache = cache;
    }

    /**
     * A login. {@code unitId}: for role UNIT only, the unit this account acts as (its username is the unit's id);
     * {@code email}: where notices are mailed, when known.
     */
    public record Account(String username, Role role, String bcu, String unitId, String email, boolean enabled,
                          boolean hasPassword) implements java.io.Serializable {
        public static Account staff(String username, Role role, String bcu, String email) {
            return new Account(username, role, bcu, null, email, true, false);
        }

        public static Account unitTerminal(String unitId, String bcu) {
            return new Account(unitId, Role.UNIT, bcu, unitId, null, true, false);
        }
    }

    record Stored(Account account, String passwordHash) {}

    /** A random password from an unambiguous alphabet. */
    public static String randomPassword() {
        char[] c = new char[GENERATED_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** Why {@code password} cannot be used, or empty when it can. */
    public static Optional<String> weakness(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of("a password has at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** 1 to 64 letters, digits and {@code . _ @ -}: what the table takes, and what HTTP Basic can carry. */
    public static boolean validUsername(String username) {
        return username != null && username.matches("[A-Za-z0-9._@-]{1,64}");
    }

    /** Why {@code email} is not an address to mail, or empty when it is (one {@code @}, no spaces, a dotted domain). */
    public static Optional<String> emailProblem(String email) {
        if (email.length() > MAX_EMAIL_LENGTH || !email.matches("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+")) {
            return Optional.of("email must be an address such as name@example.org (at most " + MAX_EMAIL_LENGTH
                    + " characters)");
        }
        return Optional.empty();
    }

    public static String demoEmail(String username) {
        return username + "@" + DEMO_MAIL_DOMAIN;
    }

    public boolean isEmpty() {
        return jdbc.sql("select not exists (select 1 from staff_account)").query(Boolean.class).single();
    }

    /** Every account, oldest first. */
    public List<Account> all() {
        return jdbc.sql("select " + COLUMNS + " from staff_account order by created_at, username").query(ROW).list()
                .stream().map(Stored::account).toList();
    }

    public Optional<Account> find(String username) {
        return stored(username).map(Stored::account);
    }

    /** The account as it stands: changes count on the next request (read again once changed, docs/adr/054). */
    Optional<Stored> stored(String username) {
        return cache.get(username, u -> jdbc.sql("select " + COLUMNS + " from staff_account where username = ?")
                .param(u).query(ROW).optional());
    }

    /**
     * Creates the account unless one of that name exists; with {@code password} null it has none (no login until an
     * administrator sets one). True when it was created.
     */
    public boolean create(Account a, String password, Instant at) {
        try {
            return jdbc.sql("insert into staff_account (username, password_hash, role, bcu, unit_id, email, enabled,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, true, ?) on conflict (username) do nothing")
                .params(a.username(), password == null ? null : bcrypt.encode(password), a.role().name(), a.bcu(),
                        a.unitId(), a.email(), Timestamp.from(at)).update() == 1;
        } finally {
            cache.forget(a.username());
        }
    }

    /** Sets a password; false when there is no such account. */
    public boolean setPassword(String username, String password) {
        try {
            return jdbc.sql("update staff_account set password_hash = ? where username = ?")
                    .params(bcrypt.encode(password), username).update() == 1;
        } finally {
            cache.forget(username);
        }
    }

    /** Sets the password and email of an account that has no password yet (one its {@code AddStaff} just made). */
    public boolean setFirstPassword(String username, String password, String email) {
        try {
            return jdbc.sql("update staff_account set password_hash = ?, email = coalesce(?, email) where username = ?"
                            + " and password_hash is null")
                    .params(bcrypt.encode(password), email, username).update() == 1;
        } finally {
            cache.forget(username);
        }
    }

    public void setEmail(String username, String email) {
        try {
            jdbc.sql("update staff_account set email = ? where username = ?").params(email, username).update();
        } finally {
            cache.forget(username);
        }
    }

    /**
     * Switches a unit's terminal that was switched off on again, with a new password (the old one stays dead), its BCU
     * and email as given. False when there is no such terminal, or it is on.
     */
    public boolean reissueTerminal(Account a, String password) {
        try {
            return jdbc.sql("update staff_account set password_hash = ?, bcu = ?, email = ?, enabled = true"
                            + " where username = ? and unit_id = ? and not enabled")
                    .params(bcrypt.encode(password), a.bcu(), a.email(), a.username(), a.unitId()).update() == 1;
        } finally {
            cache.forget(a.username());
        }
    }

    public void disable(String username) {
        try {
            jdbc.sql("update staff_account set enabled = false where username = ?").param(username).update();
        } finally {
            cache.forget(username);
        }
    }

    /**
     * Keeps accounts in step with committed roster events: {@code StaffAdded} creates the account (no password yet),
     * {@code StaffRemoved} disables it, and {@code UnitRetired} disables the unit's terminal.
     */
    public void follow(List<Recorded> committed) {
        for (Recorded r : committed) {
            switch (r.event()) {
                case Event.StaffAdded e -> create(Account.staff(e.staffId(), e.role(), e.bcu(), null), null, r.at());
                case Event.StaffRemoved e -> disable(e.staffId());
                case Event.UnitRetired e -> disable(e.unitId());
                default -> { }
            }
        }
    }
}
