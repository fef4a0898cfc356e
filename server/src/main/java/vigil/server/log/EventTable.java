package vigil.server.log;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

    /**
     * The batch in one statement: every row of the batch and every key, passed as arrays and inserted by one prepared
     * {@code insert … select from unnest(…)} (one plan whatever the batch size), run in autocommit, so the whole batch
     * is one round trip, one transaction and one WAL flush. Either everything is in the log or nothing is.
     */
    private static final String APPEND = """
            with e as (
                insert into event (seq, at, type, actor, payload, prev_hash, hash)
                select * from unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::json[], ?::bytea[],
                                     ?::bytea[])
            ), k as (
                insert into idempotency_key (actor, key, request_hash, answer, first_seq, recorded_at)
                select * from unnest(?::text[], ?::text[], ?::bytea[], ?::json[], ?::bigint[], ?::timestamptz[])
            )
            select 1""";

    /** Appends the rows and keys in one transaction: one statement, one commit, one WAL flush. */
    static void append(Connection c, List<Row> rows, List<NewKey> keys) throws SQLException {
        int n = rows.size();
        Long[] seq = new Long[n];
        String[] at = new String[n];
        String[] type = new String[n];
        String[] actor = new String[n];
        String[] payload = new String[n];
        byte[][] prev = new byte[n][];
        byte[][] hash = new byte[n][];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            seq[i] = r.recorded().seq();
            at[i] = Chain.stored(r.recorded().at()).toString();
            type[i] = r.recorded().event().type();
            actor[i] = r.recorded().by();
            payload[i] = r.payload();
            prev[i] = r.prevHash();
            hash[i] = r.hash();
        }
        int m = keys.size();
        String[] kActor = new String[m];
        String[] kKey = new String[m];
        byte[][] kHash = new byte[m][];
        String[] kAnswer = new String[m];
        Long[] kFirst = new Long[m];
        String[] kAt = new String[m];
        for (int i = 0; i < m; i++) {
            NewKey k = keys.get(i);
            kActor[i] = k.key().actor();
            kKey[i] = k.key().key();
            kHash[i] = k.key().requestHash();
            kAnswer[i] = k.answer();
            kFirst[i] = k.firstSeq();
            kAt[i] = Chain.stored(k.at()).toString();
        }
        try (PreparedStatement s = c.prepareStatement(APPEND)) {
            s.setArray(1, c.createArrayOf("bigint", seq));
            s.setArray(2, c.createArrayOf("text", at));
            s.setArray(3, c.createArrayOf("text", type));
            s.setArray(4, c.createArrayOf("text", actor));
            s.setArray(5, c.createArrayOf("text", payload));
            s.setArray(6, c.createArrayOf("bytea", prev));
            s.setArray(7, c.createArrayOf("bytea", hash));
            s.setArray(8, c.createArrayOf("text", kActor));
            s.setArray(9, c.createArrayOf("text", kKey));
            s.setArray(10, c.createArrayOf("bytea", kHash));
            s.setArray(11, c.createArrayOf("text", kAnswer));
            s.setArray(12, c.createArrayOf("bigint", kFirst));
            s.setArray(13, c.createArrayOf("text", kAt));
            s.executeQuery().close();
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

    /**
     * The log's last hash (the chain's head), after handing every event after {@code afterSeq} in seq order to
     * {@code sink}; {@code head} (the hash at {@code afterSeq}) when there is none.
     */
    static byte[] replay(Connection c, long afterSeq, byte[] head, Consumer<Recorded> sink) throws SQLException {
        byte[] last = head;
        c.setAutoCommit(false); // a cursor: the log is streamed, not held in memory
        try (PreparedStatement s = c.prepareStatement(
                "select seq, payload, hash from event where seq > ? order by seq")) {
            s.setFetchSize(2_000);
            s.setLong(1, afterSeq);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    Recorded r = EventJson.parse(rs.getString(2));
                    if (r.seq() != seq) {
                        throw new IllegalStateException("event row " + seq + " holds the payload of event " + r.seq());
                    }
                    sink.accept(r);
                    last = rs.getBytes(3);
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return last;
    }

    /** The hash of event {@code seq} as the log holds it, or null when there is no such event. */
    static byte[] hashAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select hash from event where seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }
}
