package vigil.server.reports;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import vigil.sim.report.Rows;

/**
 * The report read tables' SQL (V60, V107): saving a batch of the projection's changed rows (incidents and calls in
 * whole {@link RowBlocks}) with its position in one transaction, and reading rows back, by period, into a
 * {@link vigil.sim.report.Daris.Loader}.
 */
final class ReadTables {
    static final String NAME = "daris";

    private ReadTables() {}

    /** Where the follower stands. */
    record Position(long lastSeq, long lastAt, long firstAt, String state, byte[] head, long verifiedUpTo,
                    Long brokenAt, String brokenReason) {}

    static Optional<Position> position(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select last_seq, last_at, first_at, state, head, verified_up_to,"
                + " broken_at, broken_reason from report_position where name = ?")) {
            s.setString(1, NAME);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long broken = rs.getLong(7);
                Long brokenAt = rs.wasNull() ? null : broken;
                return Optional.of(new Position(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getBytes(5), rs.getLong(6), brokenAt, rs.getString(8)));
            }
        }
    }

    /** An event that names incidents, for the timeline index. */
    record Mention(String incidentId, long seq) {}

    /** Saves the changed rows, the timeline's mentions and the new position, all or nothing. */
    static void save(Connection c, Rows.Changes ch, List<Mention> mentions, Position p) throws SQLException {
        c.setAutoCommit(false);
        try {
            saveBlocks(c, "report_incident_block", "created_at", RowBlocks.incidents(ch.incidents()));
            saveBlocks(c, "report_call_block", "recorded_at", RowBlocks.calls(ch.calls()));
            if (!ch.diverts().isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("insert into report_divert (idx, original_row,"
                        + " incident_id, at, data) values (?, ?, ?, ?, ?) on conflict (idx) do update set data ="
                        + " excluded.data")) {
                    for (Rows.Divert d : ch.diverts()) {
                        s.setInt(1, d.index());
                        s.setInt(2, d.originalRow());
                        s.setString(3, d.incidentId());
                        s.setLong(4, d.at());
                        s.setString(5, d.data());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!ch.schemes().isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("insert into report_scheme (idx, scheme_id, bcu,"
                        + " activated_at, data) values (?, ?, ?, ?, ?) on conflict (idx) do update set data ="
                        + " excluded.data")) {
                    for (Rows.Scheme d : ch.schemes()) {
                        s.setInt(1, d.index());
                        s.setString(2, d.schemeId());
                        s.setString(3, d.bcu());
                        s.setLong(4, d.activatedAt());
                        s.setString(5, d.data());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            if (!mentions.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("insert into report_incident_event (incident_id, seq)"
                        + " select * from unnest(?::text[], ?::bigint[]) on conflict do nothing")) {
                    s.setArray(1, texts(c, mentions, Mention::incidentId));
                    s.setArray(2, longs(c, mentions, Mention::seq));
                    s.execute();
                }
            }
            try (PreparedStatement s = c.prepareStatement("insert into report_position (name, last_seq, last_at,"
                    + " first_at, state, head, verified_up_to, broken_at, broken_reason) values (?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?) on conflict (name) do update set last_seq = excluded.last_seq, last_at ="
                    + " excluded.last_at, first_at = excluded.first_at, state = excluded.state, head = excluded.head,"
                    + " verified_up_to = excluded.verified_up_to, broken_at = excluded.broken_at,"
                    + " broken_reason = excluded.broken_reason")) {
                s.setString(1, NAME);
                s.setLong(2, p.lastSeq());
                s.setLong(3, p.lastAt());
                s.setLong(4, p.firstAt());
                s.setString(5, p.state());
                s.setBytes(6, p.head());
                s.setLong(7, p.verifiedUpTo());
                s.setObject(8, p.brokenAt());
                s.setString(9, p.brokenReason());
                s.execute();
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
            c.setAutoCommit(true);
        }
    }

    /**
     * Saves what {@code daris} changed since its last drain, standing at its last event with no chain checked: for a
     * projection fed straight from a simulation (the reports bench, tests), not from the log.
     */
    static void saveUnchecked(Connection c, vigil.sim.report.Daris daris, long firstAt) throws SQLException {
        Rows.Changes ch = daris.drainChanges(RowBlocks.BLOCK);
        save(c, ch, List.of(), new Position(ch.lastSeq(), ch.lastAt(), firstAt, ch.state(),
                vigil.server.log.Chain.GENESIS, 0, null, null));
    }

    private static void saveBlocks(Connection c, String table, String at, List<RowBlocks.Block> blocks)
            throws SQLException {
        if (blocks.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("insert into " + table + " (block_no, first_" + at + ", last_"
                + at + ", rows) select * from unnest(?::integer[], ?::bigint[], ?::bigint[], ?::bytea[])"
                + " on conflict (block_no) do update set last_" + at + " = excluded.last_" + at
                + ", rows = excluded.rows")) {
            s.setArray(1, ints(c, blocks, RowBlocks.Block::no));
            s.setArray(2, longs(c, blocks, RowBlocks.Block::firstAt));
            s.setArray(3, longs(c, blocks, RowBlocks.Block::lastAt));
            s.setArray(4, c.createArrayOf("bytea", blocks.stream().map(RowBlocks.Block::rows).toArray(byte[][]::new)));
            s.execute();
        }
    }

    /** Every row into {@code loader}: the follower going on from where it was. */
    static void loadAll(Connection c, vigil.sim.report.Daris.Loader loader) throws SQLException {
        incidents(c, "true", List.of(), loader::incident);
        calls(c, "true", List.of(), loader::call);
        diverts(c, "true", List.of(), loader::divert);
        schemes(c, "true", List.of(), loader::scheme);
    }

    /** A period's blocks: those with a row in [f, t] (the where clause of {@code at}'s table, two {@code ?}s). */
    static String overlapping(String at) {
        return "last_" + at + " >= ? and first_" + at + " <= ?";
    }

    /**
     * Every incident of the blocks {@code where} holds (its {@code ?}s given by {@code params}, see {@link CopyRows}),
     * a block's in order, blocks as they lie: {@link vigil.sim.report.Daris.Loader} puts them in order.
     */
    static void incidents(Connection c, String where, List<Object> params, Consumer<Rows.Incident> sink)
            throws SQLException {
        RowBlocks.Names names = new RowBlocks.Names();
        CopyRows.query(c, "select block_no, rows from report_incident_block where " + where, params,
                r -> RowBlocks.incidents(r.int4(), r.bytes(), names, sink));
    }

    /** The blocks of calls {@code where} holds, as they lie; {@link RowBlocks#calls} reads their calls. */
    static void callBlocks(Connection c, String where, List<Object> params, Consumer<RowBlocks.Block> sink)
            throws SQLException {
        CopyRows.query(c, "select block_no, first_recorded_at, last_recorded_at, rows from report_call_block where "
                + where, params, r -> sink.accept(new RowBlocks.Block(r.int4(), r.int8(), r.int8(), r.bytes())));
    }

    /** Every call of the blocks {@code where} holds. */
    static void calls(Connection c, String where, List<Object> params, Consumer<Rows.Call> sink) throws SQLException {
        callBlocks(c, where, params, b -> RowBlocks.calls(b.no(), b.rows(), sink));
    }

    static void diverts(Connection c, String where, List<Object> params, Consumer<Rows.Divert> sink)
            throws SQLException {
        CopyRows.query(c, "select idx, original_row, incident_id, at, data from report_divert where " + where
                + " order by idx", params, r -> sink.accept(new Rows.Divert(r.int4(), r.int4(), r.text(), r.int8(),
                r.text())));
    }

    static void schemes(Connection c, String where, List<Object> params, Consumer<Rows.Scheme> sink)
            throws SQLException {
        CopyRows.query(c, "select idx, scheme_id, bcu, activated_at, data from report_scheme where " + where
                + " order by idx", params, r -> sink.accept(new Rows.Scheme(r.int4(), r.text(), r.text(), r.int8(),
                r.text())));
    }

    /** Empties the read tables (they are derived: a follower then rebuilds them from the log). */
    static void clear(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("delete from report_incident_event; delete from report_scheme; delete from report_divert;"
                    + " delete from report_call_block; delete from report_incident_block; delete from report_position");
        }
    }

    private static <T> Array ints(Connection c, List<T> rows, Function<T, Integer> f) throws SQLException {
        return c.createArrayOf("integer", rows.stream().map(f).toArray());
    }

    private static <T> Array longs(Connection c, List<T> rows, Function<T, Long> f) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(f).toArray());
    }

    private static <T> Array texts(Connection c, List<T> rows, Function<T, String> f) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(f).toArray());
    }
}
