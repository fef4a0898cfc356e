package vigil.sim.report;

import static vigil.sim.report.Nanos.NONE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import vigil.core.Event.CallLinked;
import vigil.core.Event.CallRecorded;
import vigil.core.Event.ChallengeResolved;
import vigil.core.Event.DivertApproved;
import vigil.core.Event.DivertAudited;
import vigil.core.Event.DivertOverridden;
import vigil.core.Event.DivertReviewOverdue;
import vigil.core.Event.DivertTagged;
import vigil.core.Event.FirstStageReviewSent;
import vigil.core.Event.IncidentClosed;
import vigil.core.Event.IncidentCreated;
import vigil.core.Event.IncidentRegraded;
import vigil.core.Event.OverrideChallenged;
import vigil.core.Event.SchemeActivated;
import vigil.core.Event.SchemeExtended;
import vigil.core.Event.SchemeRejected;
import vigil.core.Event.SchemeRequested;
import vigil.core.Event.SchemeWithdrawn;
import vigil.core.Event.SecondStageReviewSent;
import vigil.core.Event.UnitArrived;
import vigil.core.Event.UnitAssigned;
import vigil.core.Event.UnitDiverted;
import vigil.core.Event.UrgentReviewRequested;
import vigil.core.Event.VictimContactRecorded;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.Recorded;

/**
 * The standard reports (DARIS) as a projection over the event record: feed it every event once, in order, with
 * {@link #accept}; ask at any point for the reports over any period with {@link #report}. The CLI feeds it a replay,
 * the server its event log: one implementation.
 *
 * <p>A report over [from, to] (both included) counts the incidents created in it, under their grade at {@code to},
 * and judges each as it stood at {@code to}; events after {@code to} that were already fed are disregarded, so one
 * projection kept up to date answers for last month as well as for today. Diverts count in the period they were made
 * in, calls in the period they were recorded in; schemes are listed when activated at or before {@code to}.
 *
 * <p>Memory: a few dozen bytes per incident and call (a report may ask for any period), ids only for incidents that
 * could be listed as late; diverts and schemes, which are few, in full. Not thread-safe: one writer feeds it, and a
 * report is read on that same thread (or from a copy fed to the same point).
 */
public final class Daris {
    /** The BCU of an incident created with none, and with no BCU on the call handler who created it. */
    public static final String NO_BCU = "-";
    /** byBcu's order (extensions.md): {@code -} first, then by name, even a name that sorts before the dash. */
    private static final Comparator<String> BCU_ORDER =
            Comparator.comparing((String bcu) -> !bcu.equals(NO_BCU)).thenComparing(Comparator.naturalOrder());

    private final Policy policy;
    private final IncidentLedger incidents;
    private final CallLedger calls;
    private final List<DivertRecord> diverts = new ArrayList<>();
    /** Diverts by their original incident's id, while that id names it. */
    private final Map<String, List<DivertRecord>> divertsFrom = new HashMap<>();
    /** Schemes requested and not yet activated or rejected: their BCU. */
    private final Map<String, String> requested = new HashMap<>();
    private final List<SchemeRecord> schemes = new ArrayList<>();
    private final Map<String, SchemeRecord> schemesById = new HashMap<>();
    private long lastSeq;
    private long lastAt = NONE;
    /** When changes are tracked: diverts and schemes changed since the last drain (by their place in the lists). */
    private final boolean tracked;
    private final java.util.BitSet changedDiverts = new java.util.BitSet();
    private final java.util.BitSet changedSchemes = new java.util.BitSet();
    private final Map<DivertRecord, Integer> divertIndex = new java.util.IdentityHashMap<>();
    private final Map<SchemeRecord, Integer> schemeIndex = new java.util.IdentityHashMap<>();

    /** A projection for a control room run under {@code policy} (its zone and {@code victimContactWithin}). */
    public Daris(Policy policy) {
        this(policy, false);
    }

    /**
     * A projection that, when {@code trackChanges}, remembers what each event changed, for a follower that saves it
     * as rows ({@link #drainChanges}).
     */
    public Daris(Policy policy, boolean trackChanges) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.tracked = trackChanges;
        this.incidents = new IncidentLedger(trackChanges);
        this.calls = new CallLedger(trackChanges);
    }

    /** The instant of the last event fed, in nanoseconds since the epoch ({@link Rows#NONE} before the first). */
    public long lastAt() {
        return lastAt;
    }

    /** The seq of the last event fed (0 before the first). */
    public long lastSeq() {
        return lastSeq;
    }

    /** What changed since the last drain, as rows to save, with where the projection stands; forgets it. */
    public Rows.Changes drainChanges() {
        return drainChanges(1);
    }

    /**
     * As {@link #drainChanges()}, each changed incident and call with the rest of its block of {@code block} rows,
     * for tables that keep rows in blocks: a block is saved whole.
     */
    public Rows.Changes drainChanges(int block) {
        if (block < 1) {
            throw new IllegalArgumentException("a block of " + block + " rows");
        }
        if (!tracked) {
            throw new IllegalStateException("this projection does not track its changes");
        }
        List<Rows.Divert> d = new ArrayList<>();
        for (int k = changedDiverts.nextSetBit(0); k >= 0; k = changedDiverts.nextSetBit(k + 1)) {
            DivertRecord r = diverts.get(k);
            d.add(new Rows.Divert(k, r.originalRow, r.incidentId, r.at, r.data()));
        }
        changedDiverts.clear();
        List<Rows.Scheme> sc = new ArrayList<>();
        for (int k = changedSchemes.nextSetBit(0); k >= 0; k = changedSchemes.nextSetBit(k + 1)) {
            SchemeRecord r = schemes.get(k);
            sc.add(new Rows.Scheme(k, r.schemeId, r.bcu, r.activatedAt, r.data()));
        }
        changedSchemes.clear();
        tools.jackson.databind.node.ObjectNode state = STATE.createObjectNode();
        tools.jackson.databind.node.ObjectNode req = state.putObject("requested");
        requested.forEach(req::put);
        return new Rows.Changes(incidents.drainChanged(block), calls.drainChanged(block), d, sc, lastSeq, lastAt,
                STATE.writeValueAsString(state));
    }

    private static final tools.jackson.databind.json.JsonMapper STATE = tools.jackson.databind.json.JsonMapper
            .builder().build();

    private void changed(DivertRecord d) {
        if (tracked) {
            changedDiverts.set(divertIndex.get(d));
        }
    }

    private void changed(SchemeRecord s) {
        if (tracked) {
            changedSchemes.set(schemeIndex.get(s));
        }
    }

    private void addDivert(DivertRecord d) {
        divertIndex.put(d, diverts.size());
        diverts.add(d);
        if (d.current) {
            divertsFrom.computeIfAbsent(d.incidentId, k -> new ArrayList<>(1)).add(d);
        }
        changed(d);
    }

    private void addScheme(SchemeRecord s) {
        schemeIndex.put(s, schemes.size());
        schemes.add(s);
        schemesById.put(s.schemeId, s);
        changed(s);
    }

    /** A projection made again from saved rows: for a follower going on from where it was, or for one report. */
    public static Loader loader(Policy policy, boolean trackChanges) {
        return new Loader(new Daris(policy, trackChanges));
    }

    /**
     * Builds a projection from rows: incidents, then calls, diverts and schemes (a subset will do, e.g. the rows a
     * period's report needs: a call or divert whose incident is not given is taken as having none); {@link #load}
     * ends it. Incidents and calls may come in any order (a database reads them fastest as they lie): they are put
     * back in their saved order before anything reads them. Rows are renumbered; rows saved by what it builds are
     * numbered on from the last.
     */
    public static final class Loader {
        private final Daris d;
        private final LongColumn savedRows = new LongColumn();
        private final LongColumn savedCalls = new LongColumn();
        private boolean incidentsDone;
        private boolean contiguous = true;

        private Loader(Daris d) {
            this.d = d;
        }

        public Loader incident(Rows.Incident r) {
            if (incidentsDone) {
                throw new IllegalStateException("incident row " + r.row() + " given after calls, diverts or schemes");
            }
            d.incidents.restore(r);
            savedRows.add(r.row());
            return this;
        }

        /** The incidents are all given: puts them in saved order, once. */
        private void incidentsDone() {
            if (incidentsDone) {
                return;
            }
            incidentsDone = true;
            int[] order = savedRows.sortingOrder();
            if (order != null) {
                d.incidents.reorder(order);
                savedRows.reorder(order);
            }
            contiguous = savedRows.size() == 0 || savedRows.get(savedRows.size() - 1) == savedRows.size() - 1;
        }

        private int local(int saved) {
            incidentsDone();
            if (saved < 0) {
                return saved;
            }
            if (contiguous) {
                return saved < savedRows.size() ? saved : -1;
            }
            int k = savedRows.firstAtLeast(saved);
            return k < savedRows.size() && savedRows.get(k) == saved ? k : -1;
        }

        public Loader call(Rows.Call c) {
            d.calls.restore(c, local(c.incidentRow()));
            savedCalls.add(c.row());
            return this;
        }

        public Loader divert(Rows.Divert r) {
            DivertRecord x = DivertRecord.of(r, local(r.originalRow()));
            if (x.originalRow >= 0) {
                d.addDivert(x);
            }
            return this;
        }

        public Loader scheme(Rows.Scheme r) {
            incidentsDone();
            d.addScheme(SchemeRecord.of(r));
            return this;
        }

        /** The projection, standing after event {@code lastSeq} at {@code lastAt} with {@code state} (or null). */
        public Daris load(long lastSeq, long lastAt, String state) {
            incidentsDone();
            int[] callOrder = savedCalls.sortingOrder();
            if (callOrder != null) {
                d.calls.reorder(callOrder);
            }
            d.lastSeq = lastSeq;
            d.lastAt = lastAt;
            if (state != null) {
                STATE.readTree(state).get("requested").properties()
                        .forEach(e -> d.requested.put(e.getKey(), e.getValue().asString()));
            }
            if (lastAt != NONE) {
                d.calls.expireWaiting(lastAt);
            }
            if (d.tracked) {
                d.changedDiverts.clear();
                d.changedSchemes.clear();
                d.incidents.drainChanged(1);
                d.calls.drainChanged(1);
            }
            return d;
        }
    }

    /**
     * Takes the next event of the record. Events must come once each, in the record's order (rising {@code seq},
     * instants never going back): a repeated or out-of-order event is refused, as it would count twice or wrongly.
     */
    public void accept(Recorded r) {
        if (r.seq() <= lastSeq) {
            throw new IllegalArgumentException("event " + r.seq() + " fed after event " + lastSeq
                    + ": events must be fed once each, in order");
        }
        long at = Nanos.of(r.at());
        if (at < lastAt) {
            throw new IllegalArgumentException("event " + r.seq() + " at " + r.at()
                    + " is before the event fed before it");
        }
        lastSeq = r.seq();
        lastAt = at;
        switch (r.event()) {
            case CallRecorded e -> calls.record(e.callId(), at);
            case IncidentCreated e -> {
                int row = incidents.create(e.incidentId(), at, e.grade(), Nanos.of(e.targetAt()), e.bcu());
                List<DivertRecord> former = divertsFrom.remove(e.incidentId()); // an id that comes back: a new one
                if (former != null) {
                    former.forEach(d -> {
                        d.current = false;
                        changed(d);
                    });
                }
                calls.attribute(e.callId(), row);
            }
            case CallLinked e -> calls.attribute(e.callId(), incidents.openRow(e.incidentId()));
            case IncidentRegraded e -> {
                int row = incidents.openRow(e.incidentId());
                if (row >= 0) {
                    incidents.regrade(row, at, e.grade(), Nanos.of(e.targetAt()));
                }
            }
            case UnitArrived e -> {
                int row = incidents.openRow(e.incidentId());
                if (row >= 0) {
                    incidents.attend(row, at);
                }
            }
            case IncidentClosed e -> {
                int row = incidents.openRow(e.incidentId());
                if (row >= 0) {
                    incidents.close(e.incidentId(), row, at);
                }
            }
            case UnitDiverted e -> {
                int row = incidents.openRow(e.fromIncidentId());
                if (row >= 0) {
                    addDivert(new DivertRecord(e.fromIncidentId(), row, e.unitId(), e.toIncidentId(), at));
                }
            }
            case DivertTagged e -> {
                int row = incidents.openRow(e.incidentId());
                if (row >= 0) {
                    incidents.tag(row, at);
                }
            }
            case UnitAssigned e -> {
                for (DivertRecord d : divertsFrom(e.incidentId())) {
                    if (d.reallocatedAt == NONE && !d.unitId.equals(e.unitId())) {
                        d.reallocatedAt = at;
                        changed(d);
                    }
                }
            }
            case DivertReviewOverdue e -> first(e.incidentId(), d -> d.of(e.unitId()) && d.review == null
                    && d.overdueAt == NONE).ifPresent(d -> {
                    d.overdueAt = at;
                    changed(d);
                });
            case DivertApproved e -> first(e.incidentId(), d -> d.of(e.unitId()) && d.review == null)
                    .ifPresent(d -> reviewed(d, Report.Review.APPROVED, at));
            case DivertOverridden e -> first(e.incidentId(), d -> d.of(e.unitId()) && d.review == null)
                    .ifPresent(d -> reviewed(d, Report.Review.OVERRIDDEN, at));
            case OverrideChallenged e -> last(e.incidentId(), d -> d.of(e.unitId())
                    && d.review == Report.Review.OVERRIDDEN && !d.challenged).ifPresent(d -> {
                        d.challenged = true;
                        changed(d);
                    });
            case ChallengeResolved e -> first(e.incidentId(), d -> d.of(e.unitId()) && d.challenged
                    && d.challenge == null).ifPresent(d -> {
                        d.challenge = e.decision();
                        d.challengeResolvedAt = at;
                        changed(d);
                    });
            // The QA outcome is recorded against the incident's DIVERT tag: it covers every divert made from it so far.
            case DivertAudited e -> divertsFrom(e.incidentId()).forEach(d -> {
                d.audited(at, e.outcome());
                changed(d);
            });
            // An urgent review is asked of the incident's DIVERT tag, too: every divert made from it so far.
            case UrgentReviewRequested e -> divertsFrom(e.incidentId()).forEach(d -> {
                if (d.urgentReviewAt == NONE) {
                    d.urgentReviewAt = at;
                    changed(d);
                }
            });
            case SchemeRequested e -> requested.put(e.schemeId(),
                    e.bcu() == null || e.bcu().isBlank() ? NO_BCU : e.bcu());
            case SchemeRejected e -> requested.remove(e.schemeId());
            case SchemeActivated e -> {
                String bcu = requested.remove(e.schemeId());
                long informBy = Nanos.of(policy.victimContactWithin().addTo(r.at(), policy.zone()));
                addScheme(new SchemeRecord(e.schemeId(), bcu == null ? NO_BCU : bcu, at, Nanos.of(e.maxUntil()),
                        informBy));
            }
            case VictimContactRecorded e ->
                    scheme(e.schemeId(), s -> s.contact(r.seq(), at, e.outcome(), e.explained()));
            case FirstStageReviewSent e -> scheme(e.schemeId(), s -> s.firstStage(r.seq(), at));
            case SecondStageReviewSent e -> scheme(e.schemeId(), s -> s.secondStage(r.seq(), at));
            case SchemeExtended e -> scheme(e.schemeId(), s -> s.extended(r.seq(), at, Nanos.of(e.maxUntil())));
            case SchemeWithdrawn e -> scheme(e.schemeId(), s -> s.withdrawn(r.seq(), at, e.victimInformed()));
            default -> { /* alerts and the rest: the reports read the facts above, not the alarms */ }
        }
    }

    /** The reports over [from, to] for every incident. */
    public Report report(Instant from, Instant to) {
        return report(from, to, Filter.NONE);
    }

    /** The reports over [from, to] (both included) for the incidents {@code filter} lets through. */
    public Report report(Instant from, Instant to, Filter filter) {
        return report(from, to, filter, java.util.EnumSet.allOf(Report.Part.class));
    }

    /** Only the reports named in {@code parts}; the others come back empty. */
    public Report report(Instant from, Instant to, Filter filter, java.util.Set<Report.Part> parts) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(filter, "filter");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("the period's start " + from + " is after its end " + to);
        }
        long f = Nanos.of(from);
        long t = Nanos.of(to);

        Map<Grade, Tally> byGrade = new EnumMap<>(Grade.class);
        Map<String, Map<Grade, Tally>> byBcu = new TreeMap<>(BCU_ORDER);
        List<Report.DelayedAttendance> delayed = new ArrayList<>();
        long incidentCount = 0;
        boolean compliance = parts.contains(Report.Part.RESPONSE_TIMES);
        boolean late = parts.contains(Report.Part.DELAYED_ATTENDANCE);
        boolean anyIncident = compliance || late || parts.contains(Report.Part.DEMAND);
        for (int row = anyIncident ? incidents.firstCreatedAtOrAfter(f) : incidents.size(); row < incidents.size() && incidents.createdAt(row) <= t;
             row++) {
            Standing s = incidents.standing(row, t);
            if (!filter.admits(s.bcu(), s.grade())) {
                continue;
            }
            incidentCount++;
            if (compliance) {
                byGrade.computeIfAbsent(s.grade(), g -> new Tally()).count(s);
                byBcu.computeIfAbsent(s.bcu(), b -> new EnumMap<>(Grade.class))
                        .computeIfAbsent(s.grade(), g -> new Tally()).count(s);
            }
            if (late && s.breached()) {
                delayed.add(new Report.DelayedAttendance(s.id(), s.grade(), Nanos.instant(s.targetAt()),
                        Nanos.instant(s.attendedAt()), Figures.minutes(s.lateByNanos()), s.divertTagged()));
            }
        }
        delayed.sort(Comparator.comparing(Report.DelayedAttendance::targetAt)
                .thenComparing(Report.DelayedAttendance::incidentId));

        List<Report.Divert> divertRows = new ArrayList<>();
        for (DivertRecord d : parts.contains(Report.Part.DIVERTS) ? diverts : List.<DivertRecord>of()) {
            if (d.at < f || d.at > t) {
                continue;
            }
            Standing original = incidents.standing(d.originalRow, t);
            if (filter.admits(original.bcu(), original.grade())) {
                divertRows.add(d.asOf(t, original));
            }
        }

        List<Report.Scheme> schemeRows = new ArrayList<>();
        for (SchemeRecord s : parts.contains(Report.Part.SCHEMES) ? schemes : List.<SchemeRecord>of()) {
            if (s.activatedAt <= t && filter.admitsBcu(s.bcu)) {
                schemeRows.add(s.asOf(t));
            }
        }
        schemeRows.sort(Comparator.comparing(Report.Scheme::activatedAt).thenComparing(Report.Scheme::schemeId));

        Map<Grade, Report.Compliance> gradeFigures = new EnumMap<>(Grade.class);
        byGrade.forEach((g, tally) -> gradeFigures.put(g, tally.compliance()));
        Map<String, Map<Grade, Report.Compliance>> bcuFigures = new TreeMap<>(BCU_ORDER);
        byBcu.forEach((b, grades) -> {
            Map<Grade, Report.Compliance> m = new EnumMap<>(Grade.class);
            grades.forEach((g, tally) -> m.put(g, tally.compliance()));
            bcuFigures.put(b, m);
        });
        return new Report(from, to, filter, new Report.ResponseTimes(gradeFigures, bcuFigures), delayed, divertRows,
                schemeRows, parts.contains(Report.Part.DEMAND) ? demand(f, t, filter, incidentCount)
                : demand(f, f - 1, filter, 0));
    }

    private Report.Demand demand(long f, long t, Filter filter, long incidentCount) {
        long[] byHour = new long[24];
        long[][] byWeekdayHour = new long[7][24];
        long count = 0;
        LocalHours local = new LocalHours(policy.zone());
        for (int c = calls.firstRecordedAtOrAfter(f); c < calls.size() && calls.recordedAt(c) <= t; c++) {
            if (!filter.none()) {
                int row = calls.incidentRow(c);
                if (row < 0 || incidents.createdAt(row) > t) {
                    continue;
                }
                Standing s = incidents.standing(row, t);
                if (!filter.admits(s.bcu(), s.grade())) {
                    continue;
                }
            }
            long at = calls.recordedAt(c);
            int hour = local.hour(at);
            byHour[hour]++;
            byWeekdayHour[local.weekday(at)][hour]++;
            count++;
        }
        List<List<Long>> weekdays = new ArrayList<>(7);
        for (long[] day : byWeekdayHour) {
            weekdays.add(boxed(day));
        }
        return new Report.Demand(boxed(byHour), count, incidentCount, weekdays);
    }

    private static List<Long> boxed(long[] values) {
        List<Long> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    /** How much the projection holds, for benchmarks and the server's health page. */
    public Size size() {
        return new Size(incidents.size(), incidents.openCount(), calls.size(), calls.waitingCount(), diverts.size(),
                schemes.size());
    }

    /** Rows held: incidents (and how many open), calls (and how many wait for an incident), diverts, schemes. */
    public record Size(long incidents, long openIncidents, long calls, long callsWaiting, long diverts, long schemes) {}

    private void reviewed(DivertRecord d, Report.Review review, long at) {
        d.review = review;
        d.reviewedAt = at;
        changed(d);
    }

    private List<DivertRecord> divertsFrom(String incidentId) {
        List<DivertRecord> list = divertsFrom.get(incidentId);
        return list == null ? List.of() : list;
    }

    private Optional<DivertRecord> first(String incidentId, Predicate<DivertRecord> which) {
        return divertsFrom(incidentId).stream().filter(which).findFirst();
    }

    private Optional<DivertRecord> last(String incidentId, Predicate<DivertRecord> which) {
        List<DivertRecord> list = divertsFrom(incidentId);
        for (int k = list.size() - 1; k >= 0; k--) {
            if (which.test(list.get(k))) {
                return Optional.of(list.get(k));
            }
        }
        return Optional.empty();
    }

    private void scheme(String schemeId, Consumer<SchemeRecord> change) {
        SchemeRecord s = schemesById.get(schemeId);
        if (s != null) {
            change.accept(s);
            changed(s);
        }
    }

    /** One grade's counts over a period. */
    private static final class Tally {
        long incidents;
        long attended;
        long withinTarget;
        long breached;
        long closedUnattended;
        final Figures.Sample response = new Figures.Sample();

        void count(Standing s) {
            incidents++;
            if (s.attended()) {
                attended++;
                response.add(s.responseNanos());
            }
            switch (s.outcome()) {
                case WITHIN_TARGET -> withinTarget++;
                case BREACHED -> breached++;
                case CLOSED_UNATTENDED -> closedUnattended++;
                case NOT_YET_DUE, NO_TARGET -> { }
            }
        }

        Report.Compliance compliance() {
            return new Report.Compliance(incidents, attended, withinTarget, breached, closedUnattended,
                    Figures.rate(withinTarget, withinTarget + breached), response.minutes());
        }
    }
}
