package vigil.server.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import vigil.core.Policy;
import vigil.sim.report.Daris;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;
import vigil.sim.report.Rows;

/**
 * The standard reports over the read tables: for a period, a filter and the reports asked for, it reads only the blocks
 * of rows those need (by period, on the tables' indexes) into a {@link Daris.Loader} and asks that projection: the
 * same code as {@code ./vigil report}, over the rows the follower saved (docs/adr/060). Reads in one repeatable-read
 * transaction, so the rows and the position they stand at are one snapshot.
 */
public final class ServerReports {
    private final DataSource pool;
    private final Policy policy;

    public ServerReports(DataSource pool, Policy policy) {
        this.pool = pool;
        this.policy = policy;
    }

    /** A report with the history it stands on. */
    public record Answer(Report report, History history) {}

    /** Where the report stands: the events it counts and how far the chain checked out. */
    public record History(long reportedUpTo, long verifiedUpTo, Long brokenAt, String brokenReason, Instant firstAt,
                          Instant lastAt) {
        public boolean verified() {
            return brokenAt == null;
        }

        /** In plain words, for the report's reader. */
        public String statement() {
            if (brokenAt == null) {
                return "history verified up to event " + verifiedUpTo;
            }
            return "history NOT verified beyond event " + verifiedUpTo + ": " + brokenReason;
        }

        static History of(Optional<ReadTables.Position> p) {
            return p.map(x -> new History(x.lastSeq(), x.verifiedUpTo(), x.brokenAt(), x.brokenReason(),
                    instant(x.firstAt()), instant(x.lastAt()))).orElse(new History(0, 0, null, null, null, null));
        }
    }

    /** Where the read tables stand. */
    public History history() {
        try (Connection c = pool.getConnection()) {
            return History.of(ReadTables.position(c));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the report position: " + e.getMessage(), e);
        }
    }

    /**
     * The reports in {@code parts} over [from, to]; a null {@code from} is the first event's instant, a null
     * {@code to} the last event's (the end of what the tables hold).
     */
    public Answer report(Instant from, Instant to, Filter filter, Set<Report.Part> parts) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Optional<ReadTables.Position> p = ReadTables.position(c);
                History h = History.of(p);
                Instant f = from != null ? from : h.firstAt() != null ? h.firstAt() : to != null ? to : Instant.EPOCH;
                Instant t = to != null ? to : h.lastAt() != null ? h.lastAt() : f;
                if (f.isAfter(t)) {
                    throw new IllegalArgumentException("the period's start " + f + " is after its end " + t);
                }
                Daris d = load(c, nanos(f), nanos(t), filter, parts, p);
                c.commit();
                return new Answer(d.report(f, t, filter, parts), h);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the report tables: " + e.getMessage(), e);
        }
    }

    private Daris load(Connection c, long f, long t, Filter filter, Set<Report.Part> parts,
                       Optional<ReadTables.Position> p) throws SQLException {
        Daris.Loader loader = Daris.loader(policy, false);
        boolean demand = parts.contains(Report.Part.DEMAND);
        boolean demandFiltered = demand && !filter.none();
        boolean inPeriod = demand || parts.contains(Report.Part.RESPONSE_TIMES)
                || parts.contains(Report.Part.DELAYED_ATTENDANCE);
        List<Object> period = List.of(f, t);
        // The blocks of incidents outside the period's that a divert or (for a filtered demand, which follows each
        // call to its incident) a call in the period names: read first, so that the incidents' one query takes them.
        BitSet others = new BitSet();
        List<Rows.Divert> diverts = new ArrayList<>();
        if (parts.contains(Report.Part.DIVERTS)) {
            ReadTables.diverts(c, "at between ? and ?", period, d -> {
                diverts.add(d);
                others.set(d.originalRow() / RowBlocks.BLOCK);
            });
        }
        List<RowBlocks.Block> callBlocks = new ArrayList<>();
        if (demandFiltered) {
            ReadTables.callBlocks(c, ReadTables.overlapping("recorded_at"), period, b -> {
                callBlocks.add(b);
                RowBlocks.calls(b.no(), b.rows(), call -> {
                    if (call.incidentRow() >= 0 && call.recordedAt() >= f && call.recordedAt() <= t) {
                        others.set(call.incidentRow() / RowBlocks.BLOCK);
                    }
                });
            });
        }
        // Whole blocks: rows of the period's edge blocks created outside it are not counted by the projection, and
        // it applies the BCU and grade filters itself (docs/adr/060).
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (inPeriod) {
            where.add("(" + ReadTables.overlapping("created_at") + ")");
            params.addAll(period);
        }
        if (!others.isEmpty()) {
            where.add("block_no = any(?)");
            params.add(others.stream().toArray());
        }
        if (!where.isEmpty()) {
            ReadTables.incidents(c, String.join(" or ", where), params, loader::incident);
        }
        if (demandFiltered) {
            callBlocks.forEach(b -> RowBlocks.calls(b.no(), b.rows(), loader::call));
        } else if (demand) {
            ReadTables.calls(c, ReadTables.overlapping("recorded_at"), period, loader::call);
        }
        diverts.forEach(loader::divert);
        if (parts.contains(Report.Part.SCHEMES)) {
            ReadTables.schemes(c, "activated_at <= ?", List.of(t), loader::scheme);
        }
        return loader.load(p.map(ReadTables.Position::lastSeq).orElse(0L),
                p.map(ReadTables.Position::lastAt).orElse(Rows.NONE), null);
    }

    /** Every report. */
    public static Set<Report.Part> all() {
        return EnumSet.allOf(Report.Part.class);
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    static Instant instant(long nanos) {
        return nanos == Rows.NONE ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }
}
