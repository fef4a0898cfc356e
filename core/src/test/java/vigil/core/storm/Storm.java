package vigil.core.storm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.AuditOutcome;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Command.DivertDecision;
import vigil.core.Command.UnitStatus;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;
import vigil.core.Span;
import vigil.core.engine.Queries;

/**
 * A random command storm, fully determined by its seed: the policy, and a list of operations each carrying every
 * value it needs (gap, kind, actor, ids), so a storm replays exactly and can be shrunk by dropping operations.
 * Ids come from small pools with one unknown id each; actors are usually right for the command, sometimes anyone.
 */
record Storm(long seed, Policy policy, List<Op> ops) {

    static final Instant START = Instant.parse("2018-05-31T22:00:00Z");
    static final List<String> INCIDENTS = ids("CAD-", 12);
    static final List<String> CALLS = ids("C", 16);
    static final List<String> UNITS = List.of("U1", "U2", "U3", "U4", "U404");
    static final List<String> KNOWN_INCIDENTS = INCIDENTS.subList(0, INCIDENTS.size() - 1);

    static final Roster ROSTER = new Roster(
            List.of(new Roster.StaffMember("ch1", Role.CALL_HANDLER, "SE"),
                    new Roster.StaffMember("dsp1", Role.DESPATCHER, "SE"),
                    new Roster.StaffMember("ctl1", Role.CONTROLLER, "SE"),
                    new Roster.StaffMember("insp1", Role.INSPECTOR, "SE"),
                    new Roster.StaffMember("do1", Role.DUTY_OFFICER, null),
                    new Roster.StaffMember("rtrd1", Role.RTRD, null),
                    new Roster.StaffMember("oic1", Role.OIC, "SE"),
                    new Roster.StaffMember("cm1", Role.CRIME_MANAGER, "SE"),
                    new Roster.StaffMember("qa1", Role.QA_REVIEWER, null)),
            List.of(new Roster.UnitSpec("U1", "MD21", new Location(51.49, -0.09)),
                    new Roster.UnitSpec("U2", "MD22", new Location(51.48, -0.07)),
                    new Roster.UnitSpec("U3", "MD23", new Location(51.47, -0.10)),
                    new Roster.UnitSpec("U4", "MD24", new Location(51.50, -0.11))));

    /** {@code n} ids, then the unknown one ({@code PREFIX404}). */
    private static List<String> ids(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            ids.add(prefix + k);
        }
        ids.add(prefix + "404");
        return List.copyOf(ids);
    }

    /**
     * What the storm has seen in the events, for aiming: calls recorded and used, diverts awaiting review, overrides
     * open to challenge, challenges awaiting the duty officer. Queries do not say these; the events do.
     */
    static final class Seen {
        final Set<String> recorded = new HashSet<>();
        final Set<String> used = new HashSet<>();
        final Map<String, Integer> awaitingReview = new HashMap<>();
        final Set<String> overridden = new TreeSet<>();
        final Set<String> challenged = new TreeSet<>();

        void read(Recorded r) {
            switch (r.event()) {
                case Event.CallRecorded e -> recorded.add(e.callId());
                case Event.IncidentCreated e -> used.add(e.callId());
                case Event.CallLinked e -> used.add(e.callId());
                case Event.DivertReviewRequested e -> {
                    awaitingReview.merge(e.incidentId(), 1, Integer::sum);
                    overridden.remove(e.incidentId());
                    challenged.remove(e.incidentId());
                }
                case Event.DivertApproved e -> awaitingReview.merge(e.incidentId(), -1, Integer::sum);
                case Event.DivertOverridden e -> {
                    awaitingReview.merge(e.incidentId(), -1, Integer::sum);
                    overridden.add(e.incidentId());
                }
                case Event.OverrideChallenged e -> {
                    overridden.remove(e.incidentId());
                    challenged.add(e.incidentId());
                }
                case Event.ChallengeResolved e -> challenged.remove(e.incidentId());
                default -> { }
            }
        }

        List<String> awaitingReview() {
            return awaitingReview.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted()
                    .toList();
        }
    }

    /** Everyone who might give a command: the staff, then the units acting for themselves. */
    static final List<Actor> ANYONE;

    static {
        List<Actor> a = new ArrayList<>();
        ROSTER.staff().forEach(s -> a.add(s.actor()));
        ROSTER.units().forEach(u -> a.add(Actor.unit(u.id())));
        ANYONE = List.copyOf(a);
    }

    enum Kind {
        ADVANCE(8), RECORD_CALL(9), CREATE_INCIDENT(10), LINK_CALL(2), REGRADE(5), ASSIGN(14), DIVERT(10), ACK(8),
        ARRIVE(6), CLEAR(5), CLOSE(4), SET_STATUS(3), REVIEW(9), CHALLENGE(5), RESOLVE(4), TASK(3), AUDIT(1);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** An id index meaning "an id the control room has never heard of". */
    static final int UNKNOWN = -1;

    /**
     * One step of the storm: wait {@code gapSeconds}, then do it. {@code a} picks the incident, {@code b} the call or
     * unit ({@link #UNKNOWN} for an unknown id), {@code c} the grade or decision, {@code actor} who gives it.
     * Unless {@code aim} is 0, the op is aimed: its ids are picked among those the command makes sense for in the
     * room as it stands (a committed unit to divert, a tagged incident to review), so storms reach deep states.
     * The room as it stands follows from the earlier ops, so the storm is still fixed by its seed.
     */
    record Op(Kind kind, int gapSeconds, int actor, int a, int b, int c, int aim) {}

    static Storm generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Policy policy = r.nextInt(2) == 0 ? Policy.metropolitan() : compressedPolicy(r);
        int length = 40 + r.nextInt(201);
        int total = 0;
        for (Kind k : Kind.values()) {
            total += k.weight;
        }
        List<Op> ops = new ArrayList<>(length);
        for (int n = 0; n < length; n++) {
            int pick = r.nextInt(total);
            Kind kind = null;
            for (Kind k : Kind.values()) {
                pick -= k.weight;
                if (pick < 0) {
                    kind = k;
                    break;
                }
            }
            ops.add(new Op(kind, gap(r), r.nextInt(80), r.nextInt(20) == 0 ? UNKNOWN : r.nextInt(420),
                    r.nextInt(20) == 0 ? UNKNOWN : r.nextInt(420), r.nextInt(12), r.nextInt(6)));
        }
        return new Storm(seed, policy, List.copyOf(ops));
    }

    private static int gap(SplittableRandom r) {
        double p = r.nextDouble();
        if (p < 0.35) {
            return 0;
        }
        if (p < 0.75) {
            return 1 + r.nextInt(60);
        }
        if (p < 0.93) {
            return 60 + r.nextInt(240);
        }
        if (p < 0.99) {
            return 300 + r.nextInt(1500);
        }
        return 1800 + r.nextInt(9000);
    }

    private static Policy compressedPolicy(SplittableRandom r) {
        return Policy.metropolitan()
                .withTargets(Map.of(Grade.I, minutes(r.nextBoolean() ? 5 : 15), Grade.S, minutes(r.nextBoolean() ? 20 : 60),
                        Grade.E, minutes(r.nextBoolean() ? 60 : 48 * 60)))
                .withWarnFraction(new double[] {0.5, 0.75, 1.0}[r.nextInt(3)])
                .withUnresourcedAfter(Map.of(Grade.I, minutes(1 + r.nextInt(2)), Grade.S, minutes(r.nextBoolean() ? 3 : 10),
                        Grade.E, minutes(r.nextBoolean() ? 30 : 240)))
                .withAckWithin(r.nextBoolean() ? Duration.ofSeconds(30) : minutes(2))
                .withDivertReviewWithin(minutes(r.nextBoolean() ? 1 : 5))
                // long runs bound live state; a short retention lets storms reach ids that come free again
                .withRetainClosedFor(r.nextInt(4) == 0 ? Span.of(minutes(20 + r.nextInt(60))) : null);
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    Storm withOps(List<Op> fewer) {
        return new Storm(seed, policy, List.copyOf(fewer));
    }

    // --- reading an op -------------------------------------------------------------------------------------------

    static String incident(Op op) {
        return op.a() == UNKNOWN ? last(INCIDENTS) : INCIDENTS.get(op.a() % (INCIDENTS.size() - 1));
    }

    static String call(Op op) {
        return op.b() == UNKNOWN ? last(CALLS) : CALLS.get(op.b() % (CALLS.size() - 1));
    }

    static String unit(Op op) {
        return op.b() == UNKNOWN ? last(UNITS) : UNITS.get(op.b() % (UNITS.size() - 1));
    }

    private static String last(List<String> ids) {
        return ids.get(ids.size() - 1);
    }

    /** Usually whoever the contract names for the command; about one time in five, anyone at all. */
    static Actor actor(Op op) {
        if (op.actor() < ANYONE.size()) {
            return ANYONE.get(op.actor());
        }
        return switch (op.kind()) {
            case RECORD_CALL, CREATE_INCIDENT, LINK_CALL -> staff(Role.CALL_HANDLER);
            case REGRADE -> staff(op.c() % 2 == 0 ? Role.CALL_HANDLER : Role.CONTROLLER);
            case ASSIGN, DIVERT, CLOSE, SET_STATUS, CHALLENGE -> staff(Role.DESPATCHER);
            case ACK, ARRIVE -> Actor.unit(unit(op));
            case CLEAR -> op.c() % 2 == 0 ? Actor.unit(unit(op)) : staff(Role.DESPATCHER);
            case REVIEW -> staff(Role.CONTROLLER);
            case RESOLVE -> staff(Role.DUTY_OFFICER);
            case TASK -> staff(Role.INSPECTOR);
            case AUDIT -> staff(Role.QA_REVIEWER);
            case ADVANCE -> throw new IllegalArgumentException("time passing has no actor");
        };
    }

    private static Actor staff(Role role) {
        return ROSTER.staff().stream().filter(s -> s.role() == role).findFirst().orElseThrow().actor();
    }

    static Command command(Op op, Queries room, Seen seen) {
        Op aimed = op.aim() == 0 ? op : aim(op, room, seen);
        return command(aimed);
    }

    private static Command command(Op op) {
        Actor by = actor(op);
        Grade grade = Grade.values()[op.c() % 4];
        return switch (op.kind()) {
            // the unknown ids stay unknown: nobody records or creates them
            case RECORD_CALL -> new Command.RecordCall(by, op.b() == UNKNOWN ? CALLS.get(0) : call(op), null, null,
                    null, null, null);
            case CREATE_INCIDENT -> new Command.CreateIncident(by, op.a() == UNKNOWN ? INCIDENTS.get(0) : incident(op),
                    call(op), grade, null, null, null);
            case LINK_CALL -> new Command.LinkCall(by, call(op), incident(op));
            case REGRADE -> new Command.Regrade(by, incident(op), grade, "storm");
            case ASSIGN -> new Command.AssignUnit(by, incident(op), unit(op));
            case DIVERT -> new Command.DivertUnit(by, incident(op), unit(op), "storm");
            case ACK -> new Command.AcknowledgeAssignment(by, incident(op), unit(op));
            case ARRIVE -> new Command.ArriveAtScene(by, incident(op), unit(op));
            case CLEAR -> new Command.ClearUnit(by, incident(op), unit(op));
            case CLOSE -> new Command.CloseIncident(by, incident(op), "storm");
            case SET_STATUS -> new Command.SetUnitStatus(by, unit(op), UnitStatus.values()[op.c() % 2]);
            case REVIEW -> new Command.ReviewDivert(by, incident(op), DivertDecision.values()[op.c() % 2], "storm",
                    op.c() % 3 == 2 && op.aim() == 0 ? unit(op) : null);
            case CHALLENGE -> new Command.ChallengeOverride(by, incident(op), "storm");
            case RESOLVE -> new Command.ResolveChallenge(by, incident(op), ChallengeDecision.values()[op.c() % 2],
                    "storm");
            case TASK -> new Command.TaskReallocation(by, incident(op), "storm");
            case AUDIT -> new Command.RecordDivertAudit(by, incident(op), AuditOutcome.values()[op.c() % 3], "storm");
            case ADVANCE -> throw new IllegalArgumentException("time passing is not a command");
        };
    }

    /** The op with its incident and unit picked among those its command makes sense for right now, if any. */
    private static Op aim(Op op, Queries room, Seen seen) {
        List<Queries.UnitView> committed = room.units().stream().filter(u -> u.committedTo() != null).toList();
        List<Queries.UnitView> free = room.units().stream()
                .filter(u -> u.committedTo() == null && u.status() == UnitStatus.AVAILABLE).toList();
        List<String> open = room.openIncidents().stream().map(Queries.IncidentView::id).sorted().toList();
        List<String> queued = room.unresourced().stream().map(Queries.IncidentView::id).toList();
        List<String> tagged = KNOWN_INCIDENTS.stream()
                .filter(id -> room.incident(id).map(Queries.IncidentView::divertTagged).orElse(false)).toList();
        List<String> waitingForTasking = KNOWN_INCIDENTS.stream()
                .filter(id -> room.incident(id).map(Queries.IncidentView::reallocationRequested).orElse(false))
                .toList();
        List<String> unused = KNOWN_INCIDENTS.stream().filter(id -> room.incident(id).isEmpty()).toList();
        List<String> unrecordedCalls = CALLS.subList(0, CALLS.size() - 1).stream()
                .filter(c -> !seen.recorded.contains(c)).toList();
        List<String> freeCalls = CALLS.stream().filter(c -> seen.recorded.contains(c) && !seen.used.contains(c))
                .sorted().toList();
        String incident = null;
        String unit = null;
        String call = null;
        switch (op.kind()) {
            case RECORD_CALL -> call = unrecordedCalls.isEmpty() ? null : unrecordedCalls.get(0);
            case CREATE_INCIDENT -> {
                incident = unused.isEmpty() ? null : unused.get(0);
                call = pick(freeCalls, op.b());
            }
            case LINK_CALL -> {
                incident = pick(open, op.a());
                call = pick(freeCalls, op.b());
            }
            case REGRADE, CLOSE -> incident = pick(open, op.a());
            case ASSIGN -> {
                // despatchers often send a unit back to an incident a divert left bare
                List<String> bareTagged = queued.stream().filter(tagged::contains).toList();
                incident = op.c() % 2 == 0 && !bareTagged.isEmpty() ? pick(bareTagged, op.a())
                        : pick(queued.isEmpty() ? open : queued, op.a());
                unit = free.isEmpty() ? null : free.get(Math.floorMod(op.b(), free.size())).id();
            }
            case DIVERT -> {
                if (!committed.isEmpty()) {
                    Queries.UnitView u = committed.get(Math.floorMod(op.b(), committed.size()));
                    unit = u.id();
                    incident = pick(open.stream().filter(id -> !id.equals(u.committedTo())).toList(), op.a());
                }
            }
            case ACK, ARRIVE, CLEAR -> {
                if (!committed.isEmpty()) {
                    Queries.UnitView u = committed.get(Math.floorMod(op.b(), committed.size()));
                    unit = u.id();
                    incident = u.committedTo();
                }
            }
            case REVIEW -> incident = pick(seen.awaitingReview(), op.a());
            case CHALLENGE -> incident = pick(List.copyOf(seen.overridden), op.a());
            case RESOLVE -> incident = pick(List.copyOf(seen.challenged), op.a());
            case AUDIT -> incident = pick(tagged, op.a());
            case TASK -> incident = pick(waitingForTasking, op.a());
            default -> { }
        }
        int a = incident == null ? op.a() : INCIDENTS.indexOf(incident);
        int b = op.b();
        if (unit != null) {
            b = index(op.b(), UNITS.indexOf(unit), UNITS.size() - 1);
        }
        if (call != null) {
            b = index(op.b(), CALLS.indexOf(call), CALLS.size() - 1);
        }
        return new Op(op.kind(), op.gapSeconds(), op.actor(), a, b, op.c(), op.aim());
    }

    /** A value of {@code b} close to the generated one that picks the {@code target}-th id of a pool of {@code n}. */
    private static int index(int b, int target, int n) {
        return (b == UNKNOWN ? 0 : b) / n * n + target;
    }

    private static String pick(List<String> ids, int index) {
        return ids.isEmpty() ? null : ids.get(Math.floorMod(index, ids.size()));
    }

    /** One line of a storm's timeline, for failure reports. */
    static String line(int k, Instant t, Op op, Command c) {
        String what = c == null ? "advanceTo"
                : c.by().id() + " " + c.toString().replaceFirst("by=Actor\\[[^]]*], ", "");
        return String.format("  %3d %s %s%s", k, t, what, op.aim() == 0 ? "" : "  (aimed)");
    }

    @Override
    public String toString() {
        return "storm " + seed + " (" + ops.size() + " ops, policy " + policyLine() + ")";
    }

    String policyLine() {
        return "targets=" + policy.targets() + " warnFraction=" + policy.warnFraction() + " unresourcedAfter="
                + policy.unresourcedAfter() + " ackWithin=" + policy.ackWithin() + " divertReviewWithin="
                + policy.divertReviewWithin() + " retainClosedFor=" + policy.retainClosedFor();
    }

}
