package vigil.server.notice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The notifier's SQL on its own connection: what it reads of the log, and its notices and mail, each kind saved by
 * one statement per batch (rows passed as arrays to {@code insert … select from unnest(…)}), not a round trip a row.
 */
final class NoticeTable {
    private NoticeTable() {}

    /** A notice to save, made from its template. {@code terminal}: to a unit's terminal, if it has one. */
    record Made(long seq, String recipient, String kind, String subject, String body, String link,
                boolean terminal) {}

    /** A notice's mail to save: its address, what it says, and its Message-ID. */
    record Mail(long noticeId, String address, String subject, String body, String messageId) {}

    /** Hands each event row's seq and payload to the sink. */
    @FunctionalInterface
    interface Sink {
        void accept(long seq, String payload);
    }

    /** The last event in the log (0 when it is empty): every event up to it is committed. */
    static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select coalesce(max(seq), 0) from event");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The events after {@code after} up to {@code upTo} whose type is one of {@code types}, in seq order. */
    static void read(Connection c, long after, long upTo, Set<String> types, Sink sink) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select seq, payload from event where seq > ? and seq <= ?"
                + " and type = any(?) order by seq")) {
            s.setLong(1, after);
            s.setLong(2, upTo);
            s.setArray(3, c.createArrayOf("text", types.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getString(2));
                }
            }
        }
    }

    /**
     * Saves the notices not saved before (unique on seq and recipient: a batch read again after a crash adds nothing):
     * the id of each one saved now, by {@link #key}.
     */
    static Map<String, Long> insertNotices(Connection c, Collection<Made> made, Instant now) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        if (made.isEmpty()) {
            return ids;
        }
        try (PreparedStatement s = c.prepareStatement("insert into notice (seq, recipient, kind, subject, body, link,"
                + " created_at) select seq, recipient, kind, subject, body, link, ? from unnest(?::bigint[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[]) as m (seq, recipient, kind, subject, body, link)"
                + " on conflict (seq, recipient) do nothing returning id, seq, recipient")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, c.createArrayOf("bigint", made.stream().map(Made::seq).toArray()));
            s.setArray(3, texts(c, made, Made::recipient));
            s.setArray(4, texts(c, made, Made::kind));
            s.setArray(5, texts(c, made, Made::subject));
            s.setArray(6, texts(c, made, Made::body));
            s.setArray(7, texts(c, made, Made::link));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.put(key(rs.getLong(2), rs.getString(3)), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** A notice's key: its event and recipient. */
    static String key(long seq, String recipient) {
        return seq + "\u0000" + recipient;
    }

    /** Saves the mail not saved before (unique on its Message-ID): the notices whose mail was saved now. */
    static Set<Long> insertMails(Connection c, List<Mail> mails, Instant now) throws SQLException {
        Set<Long> saved = new HashSet<>();
        if (mails.isEmpty()) {
            return saved;
        }
        try (PreparedStatement s = c.prepareStatement("insert into notice_mail (notice_id, address, subject, body,"
                + " message_id, state, next_attempt_at, created_at) select notice_id, address, subject, body,"
                + " message_id, 'PENDING', ?, ? from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " as m (notice_id, address, subject, body, message_id) on conflict (message_id) do nothing"
                + " returning notice_id")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setArray(3, c.createArrayOf("bigint", mails.stream().map(Mail::noticeId).toArray()));
            s.setArray(4, texts(c, mails, Mail::address));
            s.setArray(5, texts(c, mails, Mail::subject));
            s.setArray(6, texts(c, mails, Mail::body));
            s.setArray(7, texts(c, mails, Mail::messageId));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    saved.add(rs.getLong(1));
                }
            }
        }
        return saved;
    }

    private static <T> java.sql.Array texts(Connection c, Collection<T> rows, Function<T, String> field)
            throws SQLException {
        return c.createArrayOf("text", rows.stream().map(field).toArray());
    }
}
