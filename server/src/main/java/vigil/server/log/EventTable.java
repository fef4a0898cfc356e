package vigil.server.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import vigil.core.Recorded;
import vigil.sim.json.EventJson;

/** The writer's SQL on its own connection: appending a batch in one transaction, reading the log back. */
final class EventTable {
    private EventTable() {}

    /** One row to append, hashed. */
    record Row(Recorded recorded, String payload, byte[] prevHash, byte[] hash) {}

    /** A kept idempotency key and the answer it was given. */
    record KeptAnswer(byte[] requestHash, String answer) {}

    /** A key to keep with its answer, in the same transaction as the command's events. */
    record NewKey(IdempotencyKey key, String answer, long firstSeq, Instant at) {}

    /** Hashes {@code events} onto the chain after {@code head}. */
    static List<Row> rows(List<Recorded> events, byte[] head) {
        List<Row> rows = new ArrayList<>(events.size());
        byte[] prev = head;
        for (Recorded r : events) {
            String payload = EventJson.line(r);
            byte[] hash = Chain.hash(r.seq(), Chain.stored(r.at()), r.event().type(), r.by(), payload, prev);
            rows.add(new Row(r, payload, prev, hash));
            prev = hash;
        }
        return rows;
    }

    /** Appends the rows and keys in one transaction: one commit, one WAL flush. */
    static void append(Connection c, List<Row> rows, List<NewKey> keys) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement s = c.prepareStatement("insert into event (seq, at, type, actor, payload, prev_hash,"
                    + " hash) values (?, ?, ?, ?, ?::json, ?, ?)")) {
                for (Row r : rows) {
                    s.setLong(1, r.recorded().seq());
                    s.setObject(2, OffsetDateTime.ofInstant(Chain.stored(r.recorded().at()), ZoneOffset.UTC));
                    s.setString(3, r.recorded().event().type());
                    s.setString(4, r.recorded().by());
                    s.setString(5, r.payload());
                    s.setBytes(6, r.prevHash());
                    s.setBytes(7, r.hash());
                    s.addBatch();
                }
                s.executeBatch();
            }
            if (!keys.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("insert into idempotency_key (actor, key, request_hash,"
                        + " answer, first_seq, recorded_at) values (?, ?, ?, ?::json, ?, ?)")) {
                    for (NewKey k : keys) {
                        s.setString(1, k.key().actor());
                        s.setString(2, k.key().key());
                        s.setBytes(3, k.key().requestHash());
                        s.setString(4, k.answer());
                        s.setLong(5, k.firstSeq());
                        s.setObject(6, OffsetDateTime.ofInstant(Chain.stored(k.at()), ZoneOffset.UTC));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a broken connection: the writer reconnects
            }
        }
    }

    /** The answers kept for these keys, if any. */
    static Map<IdempotencyKey.Id, KeptAnswer> kept(Connection c, List<IdempotencyKey> keys) throws SQLException {
        Map<IdempotencyKey.Id, KeptAnswer> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Array actors = c.createArrayOf("text", keys.stream().map(IdempotencyKey::actor).toArray());
        Array names = c.createArrayOf("text", keys.stream().map(IdempotencyKey::key).toArray());
        try (PreparedStatement s = c.prepareStatement("select actor, key, request_hash, answer from idempotency_key"
                + " where (actor, key) in (select * from unnest(?::text[], ?::text[]))")) {
            s.setArray(1, actors);
            s.setArray(2, names);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(new IdempotencyKey.Id(rs.getString(1), rs.getString(2)),
                            new KeptAnswer(rs.getBytes(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** The log's last hash (the chain's head), after handing every event in seq order to {@code sink}. */
    static byte[] replay(Connection c, Consumer<Recorded> sink) throws SQLException {
        byte[] head = Chain.GENESIS;
        c.setAutoCommit(false); // a cursor: the log is streamed, not held in memory
        try (Statement s = c.createStatement()) {
            s.setFetchSize(2_000);
            try (ResultSet rs = s.executeQuery("select seq, payload, hash from event order by seq")) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    Recorded r = EventJson.parse(rs.getString(2));
                    if (r.seq() != seq) {
                        throw new IllegalStateException("event row " + seq + " holds the payload of event " + r.seq());
                    }
                    sink.accept(r);
                    head = rs.getBytes(3);
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return head;
    }
}
