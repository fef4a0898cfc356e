package vigil.core.storm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.core.engine.Queries;
import vigil.core.storm.Storm.Kind;
import vigil.core.storm.Storm.Op;

/**
 * Drives one storm through a fresh engine and checks one invariant after every step. The first breach stops the run
 * and is returned with the step it happened at; an exception from the engine is a breach too.
 */
final class StormRun {
    /** How far past the last step the clock runs at the end, so every armed deadline comes due. */
    static final Duration AFTERMATH = Duration.ofDays(3);

    record Failure(Invariant invariant, int step, String what, String timeline) {}

    private final Storm storm;
    private final Invariant checking;
    private final Engine engine;
    private final Ledger ledger;
    private final List<Recorded> history = new ArrayList<>();
    private final StringBuilder timeline = new StringBuilder();
    private final Storm.Seen seen = new Storm.Seen();
    private Engine shadow;
    private Instant clock = Storm.START;
    private long lastSeq;
    private Instant lastAt = Storm.START;

    private StormRun(Storm storm, Invariant checking) {
        this.storm = storm;
        this.checking = checking;
        this.engine = Engine.start(storm.policy(), Storm.ROSTER, Storm.START);
        this.ledger = new Ledger(storm.policy());
    }

    static Optional<Failure> run(Storm storm, Invariant checking) {
        StormRun run = new StormRun(storm, checking);
        try {
            return Optional.ofNullable(run.go());
        } catch (RuntimeException | AssertionError e) {
            StringBuilder trace = new StringBuilder(e.toString());
            for (StackTraceElement s : e.getStackTrace()) {
                if (s.getClassName().startsWith("vigil.core.")) {
                    trace.append("\n      at ").append(s);
                }
            }
            return Optional.of(new Failure(checking, run.step, "threw (see the frames: engine or harness) " + trace,
                    run.timeline.toString()));
        }
    }

    private int step;
    private boolean lastStepWasTimePassing;

    private Failure go() {
        List<Op> ops = storm.ops();
        int shadowFrom = ops.size() / 2;
        // Snapshot after this many ops (0: before the first), drawn from the seed so a failure replays.
        int cut = new SplittableRandom(storm.seed()).nextInt(ops.size() + 1);
        if (cut == 0 && checking == Invariant.SNAPSHOT_MATCHES_LIVE) {
            Failure f = restoreShadow();
            if (f != null) {
                return f;
            }
        }
        for (step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            clock = clock.plusSeconds(op.gapSeconds());
            Command c = op.kind() == Kind.ADVANCE ? null : Storm.command(op, engine.queries(), seen);
            timeline.append(Storm.line(step, clock, op, c)).append('\n');
            lastStepWasTimePassing = c == null;
            Failure f = c == null ? advance(clock) : submit(c);
            if (f == null) {
                f = afterEveryStep();
            }
            if (f == null && step == shadowFrom - 1 && checking == Invariant.REBUILD_MATCHES_LIVE) {
                shadow = Engine.rebuild(storm.policy(), Storm.ROSTER, Storm.START, history);
            }
            if (f == null && step == cut - 1 && checking == Invariant.SNAPSHOT_MATCHES_LIVE) {
                f = restoreShadow();
            }
            if (f != null) {
                return f;
            }
        }
        clock = clock.plus(AFTERMATH);
        timeline.append("  end ").append(clock).append(" advanceTo (aftermath)\n");
        lastStepWasTimePassing = true;
        Failure f = advance(clock);
        if (f == null && checking == Invariant.SNAPSHOT_MATCHES_LIVE && !Arrays.equals(engine.snapshot(),
                shadow.snapshot())) {
            f = fail(Invariant.SNAPSHOT_MATCHES_LIVE, "after the aftermath the restored engine's state differs:\n"
                    + "    live:     " + engine.queries().describe() + "\n    restored: "
                    + shadow.queries().describe());
        }
        return f != null ? f : afterEveryStep();
    }

    /** The shadow becomes an engine restored from a snapshot of the live one, which must snapshot to the same bytes. */
    private Failure restoreShadow() {
        byte[] taken = engine.snapshot();
        shadow = Engine.restore(storm.policy(), taken);
        if (!Arrays.equals(shadow.snapshot(), taken)) {
            return fail(Invariant.SNAPSHOT_MATCHES_LIVE, "a snapshot of the restored engine differs from the one it "
                    + "was restored from (op " + step + ")");
        }
        if (!shadow.queries().describe().equals(engine.queries().describe())) {
            return fail(Invariant.SNAPSHOT_MATCHES_LIVE, "the restored engine's state differs at op " + step + ":\n"
                    + "    live:     " + engine.queries().describe() + "\n    restored: "
                    + shadow.queries().describe());
        }
        timeline.append("  snapshot taken and restored after op ").append(step).append('\n');
        return null;
    }

    private Failure advance(Instant t) {
        List<Recorded> out = engine.advanceTo(t);
        Failure f = compareShadow(shadow == null ? null : shadow.advanceTo(t), out);
        if (f == null) {
            f = readBatch(out, null, t);
        }
        if (f == null && checking == Invariant.DUE_DEADLINE_FIRES) {
            List<String> missed = ledger.missedBy(t);
            if (!missed.isEmpty()) {
                return fail(Invariant.DUE_DEADLINE_FIRES, "the clock reached " + t + " but these never fired: "
                        + missed + "\n    " + tail(out));
            }
        }
        return f;
    }

    private Failure submit(Command c) {
        List<Recorded> out = engine.submit(step, c, clock);
        Failure f = compareShadow(shadow == null ? null : shadow.submit(step, c, clock), out);
        return f != null ? f : readBatch(out, c, clock);
    }

    private Failure compareShadow(List<Recorded> fromShadow, List<Recorded> fromLive) {
        if (fromShadow != null && !fromShadow.equals(fromLive)) {
            return fail(checking, "an engine " + (checking == Invariant.REBUILD_MATCHES_LIVE
                    ? "rebuilt from the events of the first " + storm.ops().size() / 2 + " ops"
                    : "restored from a snapshot") + " went a different way:\n    live:    " + fromLive
                    + "\n    shadow:  " + fromShadow);
        }
        return null;
    }

    /** Checks one batch of events: from a command (given) or from time passing ({@code command} null). */
    private Failure readBatch(List<Recorded> out, Command command, Instant t) {
        boolean commandPartStarted = false;
        List<Recorded> own = new ArrayList<>();
        for (Recorded r : out) {
            // seq and time
            if (checking == Invariant.SEQ_AND_TIME) {
                if (r.seq() != lastSeq + 1) {
                    return fail(Invariant.SEQ_AND_TIME, "seq " + r.seq() + " follows " + lastSeq);
                }
                if (r.at().isBefore(lastAt)) {
                    return fail(Invariant.SEQ_AND_TIME, "#" + r.seq() + " at " + r.at() + " is before " + lastAt);
                }
                if (r.at().isAfter(t)) {
                    return fail(Invariant.SEQ_AND_TIME, "#" + r.seq() + " at " + r.at() + " is after the clock " + t);
                }
                if (r.by() != null && (command == null || !r.at().equals(t))) {
                    return fail(Invariant.SEQ_AND_TIME, "#" + r.seq() + " " + r.event().type() + " by " + r.by()
                            + " at " + r.at() + " is not the command's own at " + t);
                }
                if (r.by() == null && commandPartStarted) {
                    return fail(Invariant.SEQ_AND_TIME, "deadline event #" + r.seq() + " " + r.event().type()
                            + " came in the middle of the command's own events");
                }
            }
            lastSeq = r.seq();
            lastAt = r.at();
            if (r.by() != null) {
                commandPartStarted = true;
                own.add(r);
            }
            // closing only by command
            if (r.event() instanceof Event.IncidentClosed closed && checking == Invariant.CLOSED_ONLY_BY_COMMAND) {
                if (!(command instanceof Command.CloseIncident ci) || !ci.incidentId().equals(closed.incidentId())
                        || r.by() == null) {
                    return fail(Invariant.CLOSED_ONLY_BY_COMMAND, "IncidentClosed " + closed.incidentId()
                            + " recorded for " + (command == null ? "time passing" : command.name()));
                }
            }
            for (Ledger.Breach b : ledger.read(r)) {
                if (b.invariant() == checking) {
                    return fail(checking, b.what() + "\n    " + tail(out));
                }
            }
            history.add(r);
            seen.read(r);
        }
        if (checking == Invariant.SEQ_AND_TIME && engine.lastSeq() != lastSeq) {
            return fail(Invariant.SEQ_AND_TIME, "engine says last seq " + engine.lastSeq() + ", saw " + lastSeq);
        }
        if (command != null) {
            Failure f = checkOwnEvents(command, own);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Failure checkOwnEvents(Command command, List<Recorded> own) {
        List<Event.CommandRejected> refusals = own.stream().map(Recorded::event)
                .filter(e -> e instanceof Event.CommandRejected).map(e -> (Event.CommandRejected) e).toList();
        if (checking == Invariant.REFUSAL_STANDS_ALONE && !refusals.isEmpty()) {
            Event.CommandRejected rj = refusals.get(0);
            if (own.size() != 1 || rj.step() != step || !rj.command().equals(command.name())) {
                return fail(Invariant.REFUSAL_STANDS_ALONE, command.name() + " at step " + step + " recorded " + own);
            }
        }
        if (checking == Invariant.REFUSAL_STANDS_ALONE && own.isEmpty()) {
            return fail(Invariant.REFUSAL_STANDS_ALONE, command + " recorded nothing at all: neither done nor refused");
        }
        if (checking == Invariant.CLOSED_ONLY_BY_COMMAND && command instanceof Command.CloseIncident && refusals.isEmpty()) {
            long closes = own.stream().filter(r -> r.event() instanceof Event.IncidentClosed).count();
            if (closes != 1 || !(own.get(own.size() - 1).event() instanceof Event.IncidentClosed)) {
                return fail(Invariant.CLOSED_ONLY_BY_COMMAND, "CloseIncident accepted but recorded " + own);
            }
        }
        if (checking == Invariant.DIVERT_TAGGED_AND_REVIEW_REQUESTED) {
            return checkDiverts(own);
        }
        return null;
    }

    /** UnitDiverted, DivertTagged(original), UnitAssigned(new), DivertReviewRequested(original): all or nothing. */
    private Failure checkDiverts(List<Recorded> own) {
        List<Event> events = own.stream().map(Recorded::event).toList();
        int diverted = 0;
        for (int k = 0; k < events.size(); k++) {
            if (events.get(k) instanceof Event.UnitDiverted d) {
                diverted++;
                long tags = events.stream().filter(e -> e instanceof Event.DivertTagged t
                        && t.incidentId().equals(d.fromIncidentId())).count();
                long requests = events.stream().filter(e -> e instanceof Event.DivertReviewRequested q
                        && q.incidentId().equals(d.fromIncidentId()) && q.unitId().equals(d.unitId())
                        && q.toIncidentId().equals(d.toIncidentId())).count();
                boolean inOrder = events.size() >= k + 4
                        && events.get(k + 1) instanceof Event.DivertTagged
                        && events.get(k + 2) instanceof Event.UnitAssigned a && a.unitId().equals(d.unitId())
                        && a.incidentId().equals(d.toIncidentId())
                        && events.get(k + 3) instanceof Event.DivertReviewRequested;
                if (tags != 1 || requests != 1 || !inOrder) {
                    return fail(Invariant.DIVERT_TAGGED_AND_REVIEW_REQUESTED, "divert recorded as " + events);
                }
                Optional<Queries.IncidentView> from = engine.queries().incident(d.fromIncidentId());
                if (from.isEmpty() || !from.get().divertTagged()) {
                    return fail(Invariant.DIVERT_TAGGED_AND_REVIEW_REQUESTED, d.fromIncidentId()
                            + " is not tagged after " + d);
                }
            }
        }
        long tagsOrRequests = events.stream()
                .filter(e -> e instanceof Event.DivertTagged || e instanceof Event.DivertReviewRequested).count();
        if (tagsOrRequests != 2L * diverted) {
            return fail(Invariant.DIVERT_TAGGED_AND_REVIEW_REQUESTED, "tags or review requests without a divert: "
                    + events);
        }
        return null;
    }

    private Failure afterEveryStep() {
        Queries q = engine.queries();
        switch (checking) {
            case UNIT_ON_AT_MOST_ONE_INCIDENT -> {
                Map<String, String> holder = new HashMap<>();
                for (String id : Storm.INCIDENTS) {
                    Optional<Queries.IncidentView> v = q.incident(id);
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (v.get().closed() && !v.get().committedUnits().isEmpty()) {
                        return fail(checking, "closed " + id + " still has units " + v.get().committedUnits());
                    }
                    for (String u : v.get().committedUnits()) {
                        String before = holder.put(u, id);
                        if (before != null) {
                            return fail(checking, u + " is committed to both " + before + " and " + id);
                        }
                    }
                }
                for (Queries.UnitView u : q.units()) {
                    if (!java.util.Objects.equals(u.committedTo(), holder.get(u.id()))) {
                        return fail(checking, u.id() + " says it is on " + u.committedTo()
                                + " but the incidents say " + holder.get(u.id()));
                    }
                }
            }
            case OPEN_INCIDENT_RESOURCED_OR_QUEUED -> {
                Set<String> queued = new HashSet<>();
                for (Queries.IncidentView v : q.unresourced()) {
                    queued.add(v.id());
                    if (v.closed() || v.attendedAt() != null || !v.committedUnits().isEmpty()) {
                        return fail(checking, "the unresourced queue holds " + v);
                    }
                }
                for (Queries.IncidentView v : q.openIncidents()) {
                    if (v.attendedAt() == null && v.committedUnits().isEmpty() && !queued.contains(v.id())) {
                        return fail(checking, v.id() + " is open, unattended, has no unit, and is not queued");
                    }
                }
            }
            case EVENTS_AGREE_WITH_STATE -> {
                for (Ledger.Inc i : ledger.incidents.values()) {
                    Optional<Queries.IncidentView> v = q.incident(i.id);
                    if (v.isEmpty()) {
                        if (!i.closed) {
                            return fail(checking, "open incident " + i.id + " is unknown to queries");
                        }
                        continue;
                    }
                    Queries.IncidentView view = v.get();
                    if (view.closed() != i.closed || view.grade() != i.grade
                            || !java.util.Objects.equals(view.targetAt(), i.targetAt)
                            || !java.util.Objects.equals(view.attendedAt(), i.attendedAt)
                            || !new HashSet<>(view.committedUnits()).equals(i.units)) {
                        return fail(checking, "queries say " + view + " but the events say closed=" + i.closed
                                + " grade=" + i.grade + " targetAt=" + i.targetAt + " attendedAt=" + i.attendedAt
                                + " units=" + i.units);
                    }
                }
            }
            case REBUILD_MATCHES_LIVE -> {
                // The live engine has fired (and forgotten) everything due before its clock, or up to and including
                // it after time passing. Brought to the same point, the rebuilt one must find nothing left to fire
                // and must be in the same state.
                Engine rebuilt = Engine.rebuild(storm.policy(), Storm.ROSTER, Storm.START, history);
                Instant through = lastStepWasTimePassing ? clock : clock.minusNanos(1);
                boolean caughtUp = !rebuilt.clock().isAfter(through);
                if (caughtUp) {
                    List<Recorded> extra = rebuilt.advanceTo(through);
                    if (!extra.isEmpty()) {
                        return fail(checking, "the rebuilt engine, brought up to " + through
                                + ", fired what the live one had already dealt with: " + extra);
                    }
                }
                // A room that forgets closed work forgets it only as its clock moves; without catching up the
                // rebuilt one may still hold what the live one has let go.
                boolean comparable = caughtUp || storm.policy().retainClosedFor() == null;
                if (comparable && !rebuilt.queries().describe().equals(q.describe())) {
                    return fail(checking, "rebuilt state differs:\n    live:\n" + q.describe()
                            + "\n    rebuilt:\n" + rebuilt.queries().describe());
                }
            }
            default -> { }
        }
        return null;
    }

    private Failure fail(Invariant inv, String what) {
        return new Failure(inv, step, what, timeline.toString());
    }

    private static String tail(List<Recorded> out) {
        return "events of this step: " + out;
    }
}
