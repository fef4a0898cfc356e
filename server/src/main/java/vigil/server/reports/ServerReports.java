package vigil.server.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
 * The standard reports over the read tables: for a period, a filter and the reports asked for, it reads only the rows
 * those need (by period and BCU, on the tables' indexes) into a {@link Daris.Loader} and asks that projection: the
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
        boolean all = parts.contains(Report.Part.RESPONSE_TIMES) || parts.contains(Report.Part.DEMAND);
        boolean listable = parts.contains(Report.Part.DELAYED_ATTENDANCE);
        boolean diverts = parts.contains(Report.Part.DIVERTS);
        boolean demandFiltered = parts.contains(Report.Part.DEMAND) && !filter.none();
        // The incidents created in the period (of the filter's BCUs, unless a filtered demand needs every call's
        // incident: the projection filters them itself), in row order; then, merged into that order, the incidents
        // created outside it that a divert or (for a filtered demand) a call in the period belongs to. Two queries,
        // not one with OR ... IN (subquery): PostgreSQL runs such an IN once per row when its rows outgrow work_mem
        // (a year's calls, filtered by BCU, had not finished after three minutes).
        String[] bcus = filter.bcus().isEmpty() || demandFiltered ? null : filter.bcus().toArray(String[]::new);
        String inPeriod = all || listable
                ? "i.created_at between ? and ?" + (all ? "" : " and i.incident_id is not null")
                + (bcus == null ? "" : " and i.bcu = any(?)") : null;
        List<Object> periodParams = bcus == null ? List.of(f, t) : List.of(f, t, bcus);
        List<Rows.Incident> others = new ArrayList<>();
        if (diverts || demandFiltered) {
            List<String> of = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (diverts) {
                of.add("select original_row from report_divert where at between ? and ?");
                params.addAll(List.of(f, t));
            }
            if (demandFiltered) {
                of.add("select incident_row from report_call where recorded_at between ? and ?");
                params.addAll(List.of(f, t));
            }
            String where = "i.row_no in (" + String.join(" union ", of) + ")";
            if (inPeriod != null) {
                where += " and (" + inPeriod + ") is not true";
                params.addAll(periodParams);
            }
            ReadTables.incidents(c, where, params, others::add);
        }
        int[] next = {0};
        if (inPeriod != null) {
            ReadTables.incidents(c, inPeriod, periodParams, r -> {
                while (next[0] < others.size() && others.get(next[0]).row() < r.row()) {
                    loader.incident(others.get(next[0]++));
                }
                loader.incident(r);
            });
        }
        others.subList(next[0], others.size()).forEach(loader::incident);
        if (parts.contains(Report.Part.DEMAND)) {
            ReadTables.calls(c, "recorded_at between ? and ?", List.of(f, t), loader::call);
        }
        if (diverts) {
            ReadTables.diverts(c, "at between ? and ?", List.of(f, t), loader::divert);
        }
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
