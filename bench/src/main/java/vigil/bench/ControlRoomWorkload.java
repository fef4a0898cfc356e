package vigil.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Command.DivertDecision;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Role;
import vigil.core.Roster;

/**
 * A synthetic control room that writes an endless, valid stream of commands: calls arrive, incidents are graded and
 * resourced, units acknowledge, arrive and clear, incidents close; some units are diverted to immediate calls and the
 * divert protocol runs its course (review, reallocation, challenge, audit); some incidents are regraded; some
 * assignments go unacknowledged and some incidents wait long enough for the engine's countdowns to fire.
 *
 * <p>It keeps its own model of units and incidents (mirroring the engine's rules) so every command it writes is one
 * the engine should accept: a {@code CommandRejected} from the engine means the model and the engine disagree.
 * Virtual time moves forward a few seconds per command on average. Deterministic for a given seed.
 */
final class ControlRoomWorkload {
    static final int UNIT_COUNT = 400;
    static final String[] BCUS = {"NW", "NE", "SE", "SW"};

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    /** Mean gap between new calls; about six commands per incident gives about three seconds per command. */
    private static final long MEAN_CALL_GAP = 18 * SECOND;
    /** Audits are not written for incidents closed longer than this (the engine forgets them after seven days). */
    private static final long AUDIT_HORIZON = 6 * 24 * HOUR;

    final Instant start = Instant.parse("2018-06-01T00:00:00Z");
    private final long startMs = start.toEpochMilli();
    private final SplittableRandom rnd;

    private final Unit[] units = new Unit[UNIT_COUNT];
    /** Units neither committed nor stood down, for assignment. */
    private final IndexedSet free = new IndexedSet(UNIT_COUNT);
    /** Units committed to an incident, for diverts. */
    private final IndexedSet busy = new IndexedSet(UNIT_COUNT);

    private final Actor[] callHandler = new Actor[BCUS.length];
    private final Actor[] despatcher = new Actor[BCUS.length];
    private final Actor[] controller = new Actor[BCUS.length];
    private final Actor[] inspector = new Actor[BCUS.length];
    private final Actor[] dutyOfficer = new Actor[BCUS.length];
    private final Actor qaReviewer = Actor.staff("qa1", Role.QA_REVIEWER);
    private final List<Roster.StaffMember> staff = new ArrayList<>();

    /** Callers who ring again (within the 90-day history window some of them will): a fifth of all calls. */
    private static final int REGULARS = 50_000;
    private static final int REGULAR_SHARE = 20;
    private final String[] regularClis = new String[REGULARS];
    private final String[] regularAddresses = new String[REGULARS];
    private final Location[] unitLocations = new Location[UNIT_COUNT];
    private static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Victoria Road",
            "Park Avenue", "Mill Lane", "Queens Road", "Kings Road", "Manor Way", "The Green"};
    private static final String[] DISTRICTS = {"SE1", "SE5", "SE15", "N1", "N7", "E2", "E14", "NW1", "NW6", "SW9",
            "SW11", "W2"};

    private final Agenda agenda = new Agenda();
    private long now;
    private long actions;
    private long calls;
    private long incidents;
    private int openIncidents;

    /** Commands written, by name, in order of first appearance. */
    final Map<String, long[]> commandMix = new LinkedHashMap<>();
    /** Incidents the model gave up on and closed after 16 hours: should stay at zero (a leak in the plans). */
    long watchdogCloses;
    /** Assignments postponed because no unit was free. */
    long noFreeUnit;

    /** When false, calls carry no CLI and no address (a diagnostic: it leaves out number and address handling). */
    private final boolean callerDetails;

    ControlRoomWorkload(long seed, boolean callerDetails) {
        this.callerDetails = callerDetails;
        rnd = new SplittableRandom(seed);
        for (int b = 0; b < BCUS.length; b++) {
            callHandler[b] = member("ch-" + BCUS[b], Role.CALL_HANDLER, BCUS[b]);
            despatcher[b] = member("dsp-" + BCUS[b], Role.DESPATCHER, BCUS[b]);
            controller[b] = member("ctl-" + BCUS[b], Role.CONTROLLER, BCUS[b]);
            inspector[b] = member("insp-" + BCUS[b], Role.INSPECTOR, BCUS[b]);
            dutyOfficer[b] = member("duty-" + BCUS[b], Role.DUTY_OFFICER, BCUS[b]);
        }
        staff.add(new Roster.StaffMember(qaReviewer.id(), qaReviewer.role(), null));
        for (int i = 0; i < UNIT_COUNT; i++) {
            String id = "U%03d".formatted(i + 1);
            units[i] = new Unit(i, id, Actor.unit(id));
            free.add(i);
        }
        for (int i = 0; i < REGULARS; i++) {
            regularClis[i] = freshCli();
            regularAddresses[i] = freshAddress();
        }
        for (int i = 0; i < UNIT_COUNT; i++) {
            unitLocations[i] = freshLocation();
        }
        schedule(Kind.NEW_CALL, 0, null, null, 0, null);
        schedule(Kind.STAND_DOWN, 5 * MINUTE, null, null, 0, null);
    }

    private Actor member(String id, Role role, String bcu) {
        staff.add(new Roster.StaffMember(id, role, bcu));
        return new Actor(id, role, bcu);
    }

    Roster roster() {
        List<Roster.UnitSpec> specs = new ArrayList<>(UNIT_COUNT);
        for (Unit u : units) {
            specs.add(new Roster.UnitSpec(u.id, "MD" + (u.index + 1), unitLocations[u.index]));
        }
        return new Roster(staff, specs);
    }

    Policy policy() {
        // Bounded live state, as a long-running control room would run: closed incidents leave after a week.
        return Policy.metropolitan().withRetainClosedFor(vigil.core.Span.parse("P7D"));
    }

    int openIncidents() {
        return openIncidents;
    }

    /** Fills both arrays with the next commands and the instants they happen at. */
    void next(Command[] commands, Instant[] at) {
        int n = 0;
        while (n < commands.length) {
            Action a = agenda.poll();
            now = a.at;
            Command c = perform(a);
            if (c != null) {
                commandMix.computeIfAbsent(c.name(), k -> new long[1])[0]++;
                commands[n] = c;
                at[n] = Instant.ofEpochMilli(startMs + now);
                n++;
            }
        }
    }

    // --- the plans -------------------------------------------------------------------------------------------------

    private enum Kind {
        NEW_CALL, CREATE, SECOND_CALL, LINK, REGRADE, ASSIGN, ASSIGN_EXTRA, ACK, ARRIVE, CLEAR, FINISH, CLOSE,
        WATCHDOG, REVIEW, TASK, CHALLENGE, RESOLVE, AUDIT, STAND_DOWN, STAND_UP
    }

    private record Action(long at, long seq, Kind kind, Incident incident, Unit unit, long assignment, Object extra) {}

    private void schedule(Kind kind, long delay, Incident i, Unit u, long assignment, Object extra) {
        agenda.add(new Action(now + delay, actions++, kind, i, u, assignment, extra));
    }

    /** The command an action comes to now, with its effect on the model; null when it no longer applies. */
    private Command perform(Action a) {
        Incident i = a.incident;
        Unit u = a.unit;
        return switch (a.kind) {
            case NEW_CALL -> newCall();
            case CREATE -> create(i);
            case SECOND_CALL -> secondCall(i);
            case LINK -> i.open ? new Command.LinkCall(callHandler[i.bcu], (String) a.extra, i.id) : null;
            case REGRADE -> regrade(i, (Grade) a.extra);
            case ASSIGN -> assign(i);
            case ASSIGN_EXTRA -> assignExtra(i);
            case ACK -> acknowledge(i, u, a.assignment);
            case ARRIVE -> arrive(i, u, a.assignment, a.extra != null);
            case CLEAR -> clear(i, u, a.assignment);
            case FINISH -> finish(i);
            case CLOSE -> close(i, "NO FURTHER ACTION");
            case WATCHDOG -> watchdog(i);
            case REVIEW -> review(i, u);
            case TASK -> task(i);
            case CHALLENGE -> challenge(i);
            case RESOLVE -> resolve(i);
            case AUDIT -> audit(i);
            case STAND_DOWN -> standDown();
            case STAND_UP -> standUp(u);
        };
    }

    private Command newCall() {
        schedule(Kind.NEW_CALL, Math.max(1, Math.round(-Math.log(1 - rnd.nextDouble()) * MEAN_CALL_GAP)), null, null,
                0, null);
        long n = ++incidents;
        int r = rnd.nextInt(100);
        Grade grade = r < 20 ? Grade.I : r < 55 ? Grade.S : r < 85 ? Grade.E : Grade.R;
        Incident i = new Incident("CAD-" + n, "CALL-" + (++calls), grade, rnd.nextInt(BCUS.length));
        schedule(Kind.CREATE, between(20 * SECOND, 90 * SECOND), i, null, 0, null);
        return recordCall(i, i.callId);
    }

    private Command recordCall(Incident i, String callId) {
        boolean regular = chance(REGULAR_SHARE);
        int k = rnd.nextInt(REGULARS);
        String cli = !callerDetails ? null : regular ? regularClis[k] : freshCli();
        String address = !callerDetails ? null : regular ? regularAddresses[k] : freshAddress();
        Command.CallerKind[] kinds = Command.CallerKind.values();
        return new Command.RecordCall(callHandler[i.bcu], callId, cli, address, freshLocation(),
                kinds[rnd.nextInt(kinds.length)], "caller reports a disturbance");
    }

    /** A UK mobile most of the time, a London landline otherwise, written the ways callers' lines show them. */
    private String freshCli() {
        int r = rnd.nextInt(10);
        return r < 6 ? "07%d%02d %06d".formatted(1 + rnd.nextInt(9), rnd.nextInt(100), rnd.nextInt(1_000_000))
                : r < 8 ? "+44 7%d%02d %06d".formatted(1 + rnd.nextInt(9), rnd.nextInt(100), rnd.nextInt(1_000_000))
                : "020 %d%03d %04d".formatted(3 + rnd.nextInt(6), rnd.nextInt(1000), rnd.nextInt(10_000));
    }

    private String freshAddress() {
        return "%d %s, London %s %d%c%c".formatted(1 + rnd.nextInt(300), STREETS[rnd.nextInt(STREETS.length)],
                DISTRICTS[rnd.nextInt(DISTRICTS.length)], rnd.nextInt(10), (char) ('A' + rnd.nextInt(26)),
                (char) ('A' + rnd.nextInt(26)));
    }

    private Location freshLocation() {
        return new Location(51.40 + rnd.nextDouble() * 0.2, -0.25 + rnd.nextDouble() * 0.3);
    }

    private Command create(Incident i) {
        i.open = true;
        openIncidents++;
        schedule(Kind.WATCHDOG, 16 * HOUR, i, null, 0, null);
        if (i.grade == Grade.R) {
            if (chance(20)) {
                schedule(Kind.REGRADE, between(2 * MINUTE, 8 * MINUTE), i, null, 0, Grade.S);
            } else {
                schedule(Kind.CLOSE, between(5 * MINUTE, 30 * MINUTE), i, null, 0, null);
            }
        } else {
            scheduleFirstAssignment(i);
            if (chance(10)) {
                schedule(Kind.REGRADE, between(MINUTE, 10 * MINUTE), i, null, 0, otherGrade(i.grade));
            }
            if (i.grade == Grade.I && chance(25)) {
                schedule(Kind.ASSIGN_EXTRA, between(MINUTE, 4 * MINUTE), i, null, 0, null);
            }
        }
        if (chance(8)) {
            schedule(Kind.SECOND_CALL, between(MINUTE, 15 * MINUTE), i, null, 0, null);
        }
        return new Command.CreateIncident(callHandler[i.bcu], i.id, i.callId, i.grade, TYPES[rnd.nextInt(TYPES.length)],
                chance(15), null);
    }

    private static final String[] TYPES = {"Burglary", "Domestic", "Suspicious circumstances", "Assault", "Theft",
            "Road traffic collision", "Concern for welfare", "Anti-social behaviour"};

    /** Most incidents get a unit well inside their unresourced window; some wait past it, so the alert fires. */
    private void scheduleFirstAssignment(Incident i) {
        long delay = switch (i.grade) {
            case I -> chance(88) ? between(10 * SECOND, 90 * SECOND) : between(150 * SECOND, 5 * MINUTE);
            case S -> chance(85) ? between(MINUTE, 8 * MINUTE) : between(11 * MINUTE, 20 * MINUTE);
            case E -> chance(90) ? between(5 * MINUTE, 3 * HOUR) : between(4 * HOUR + 5 * MINUTE, 5 * HOUR);
            case R -> between(MINUTE, 10 * MINUTE);
        };
        schedule(Kind.ASSIGN, delay, i, null, 0, null);
    }

    private Grade otherGrade(Grade g) {
        return switch (g) {
            case I -> Grade.S;
            case S -> chance(60) ? Grade.I : Grade.E;
            case E, R -> Grade.S;
        };
    }

    private Command secondCall(Incident i) {
        if (!i.open) {
            return null;
        }
        String callId = "CALL-" + (++calls);
        schedule(Kind.LINK, between(20 * SECOND, 60 * SECOND), i, null, 0, callId);
        return recordCall(i, callId);
    }

    private Command regrade(Incident i, Grade to) {
        if (!i.open || i.grade == to) {
            return null;
        }
        Grade from = i.grade;
        i.grade = to;
        if (from == Grade.R && i.committed.isEmpty() && !i.attended) {
            schedule(Kind.ASSIGN, between(30 * SECOND, 5 * MINUTE), i, null, 0, null);
        }
        Actor by = chance(50) ? callHandler[i.bcu] : controller[i.bcu];
        return new Command.Regrade(by, i.id, to, "further information from caller");
    }

    private Command assign(Incident i) {
        if (!i.open || i.attended || !i.committed.isEmpty()) {
            return null;
        }
        if (i.grade == Grade.I && chance(20)) {
            Unit u = divertable(i);
            if (u != null) {
                return divert(u, i);
            }
        }
        Unit u = takeFree();
        if (u == null) {
            noFreeUnit++;
            schedule(Kind.ASSIGN, 30 * SECOND, i, null, 0, null);
            return null;
        }
        commit(u, i);
        plan(u, i, false);
        return new Command.AssignUnit(despatcher[i.bcu], i.id, u.id);
    }

    private Command assignExtra(Incident i) {
        if (!i.open || i.committed.size() != 1) {
            return null;
        }
        Unit u = takeFree();
        if (u == null) {
            return null;
        }
        commit(u, i);
        plan(u, i, true);
        return new Command.AssignUnit(despatcher[i.bcu], i.id, u.id);
    }

    /** A newly committed unit: usually acknowledges, then travels; late arrivals let warnings and breaches fire. */
    private void plan(Unit u, Incident i, boolean secondary) {
        if (chance(92)) {
            schedule(Kind.ACK, between(10 * SECOND, 90 * SECOND), i, u, u.assignment, null);
        }
        int r = rnd.nextInt(100);
        long travel = switch (i.grade) {
            case I -> r < 85 ? between(3 * MINUTE, 10 * MINUTE)
                    : r < 95 ? between(11 * MINUTE + 30 * SECOND, 14 * MINUTE + 30 * SECOND)
                    : between(15 * MINUTE + 30 * SECOND, 20 * MINUTE);
            case S -> r < 85 ? between(10 * MINUTE, 40 * MINUTE)
                    : r < 95 ? between(46 * MINUTE, 59 * MINUTE) : between(61 * MINUTE, 90 * MINUTE);
            case E -> between(20 * MINUTE, 90 * MINUTE);
            case R -> between(10 * MINUTE, 60 * MINUTE);
        };
        schedule(Kind.ARRIVE, travel, i, u, u.assignment, secondary ? Boolean.TRUE : null);
    }

    private Command acknowledge(Incident i, Unit u, long assignment) {
        if (u.committedTo != i || u.assignment != assignment || u.acknowledged) {
            return null;
        }
        u.acknowledged = true;
        return new Command.AcknowledgeAssignment(u.actor, i.id, u.id);
    }

    private Command arrive(Incident i, Unit u, long assignment, boolean secondary) {
        if (u.committedTo != i || u.assignment != assignment || u.atScene) {
            return null;
        }
        u.atScene = true;
        if (!i.attended) {
            i.attended = true;
            long onScene = switch (i.grade) {
                case I -> between(15 * MINUTE, 60 * MINUTE);
                case S -> between(20 * MINUTE, 90 * MINUTE);
                case E -> between(20 * MINUTE, 60 * MINUTE);
                case R -> between(10 * MINUTE, 30 * MINUTE);
            };
            schedule(Kind.FINISH, onScene, i, null, 0, null);
        }
        if (secondary) {
            schedule(Kind.CLEAR, between(10 * MINUTE, 40 * MINUTE), i, u, assignment, null);
        }
        return new Command.ArriveAtScene(u.actor, i.id, u.id);
    }

    private Command clear(Incident i, Unit u, long assignment) {
        if (u.committedTo != i || u.assignment != assignment) {
            return null;
        }
        release(u);
        return new Command.ClearUnit(chance(80) ? u.actor : despatcher[i.bcu], i.id, u.id);
    }

    /** The job is done: half the time the unit clears first and the despatcher closes a few minutes later. */
    private Command finish(Incident i) {
        if (!i.open) {
            return null;
        }
        if (!i.committed.isEmpty() && chance(50)) {
            Unit u = i.committed.get(0);
            release(u);
            schedule(Kind.CLOSE, between(MINUTE, 5 * MINUTE), i, null, 0, null);
            return new Command.ClearUnit(u.actor, i.id, u.id);
        }
        return close(i, "RESOLVED");
    }

    private Command close(Incident i, String disposition) {
        if (!i.open) {
            return null;
        }
        for (Unit u : List.copyOf(i.committed)) {
            release(u);
        }
        i.open = false;
        i.reallocationRequested = false;
        i.closedAt = now;
        openIncidents--;
        return new Command.CloseIncident(despatcher[i.bcu], i.id, disposition);
    }

    private Command watchdog(Incident i) {
        if (!i.open) {
            return null;
        }
        watchdogCloses++;
        return close(i, "WATCHDOG");
    }

    // --- the divert protocol ---------------------------------------------------------------------------------------

    /** A unit still travelling to a less urgent incident, taken for an immediate one. */
    private Unit divertable(Incident to) {
        for (int tries = 0; tries < 16 && busy.size() > 0; tries++) {
            Unit u = units[busy.random(rnd)];
            Incident from = u.committedTo;
            if (from != to && !u.atScene && (from.grade == Grade.S || from.grade == Grade.E)) {
                return u;
            }
        }
        return null;
    }

    private Command divert(Unit u, Incident to) {
        Incident from = u.committedTo;
        release(u);
        from.diverts.add(new Divert(u, to));
        from.divertTagged = true;
        commit(u, to);
        plan(u, to, false);
        // Most reviews come inside the five minutes; some late, so DivertReviewOverdue fires.
        schedule(Kind.REVIEW, chance(85) ? between(30 * SECOND, 4 * MINUTE) : between(5 * MINUTE + 20 * SECOND,
                10 * MINUTE), from, u, 0, null);
        if (chance(40)) {
            schedule(Kind.AUDIT, between(HOUR, 3 * HOUR), from, null, 0, null);
        }
        return new Command.DivertUnit(despatcher[to.bcu], to.id, u.id, "nearest unit for an immediate call");
    }

    private Command review(Incident i, Unit u) {
        Divert v = i.awaitingReview(u);
        if (v == null) {
            return null;
        }
        if (!i.open || chance(70)) {
            v.review = DivertDecision.APPROVE;
            requestReallocationIfBare(i);
            return new Command.ReviewDivert(controller[i.bcu], i.id, DivertDecision.APPROVE, "divert stands", u.id);
        }
        v.review = DivertDecision.OVERRIDE;
        sendBack(u, v.to, i);
        if (chance(35)) {
            schedule(Kind.CHALLENGE, between(30 * SECOND, 2 * MINUTE), i, null, 0, null);
        }
        return new Command.ReviewDivert(controller[i.bcu], i.id, DivertDecision.OVERRIDE, "original needs it more",
                u.id);
    }

    private Command task(Incident i) {
        if (!i.reallocationRequested) {
            return null;
        }
        i.reallocationRequested = false;
        schedule(Kind.ASSIGN, between(30 * SECOND, 3 * MINUTE), i, null, 0, null);
        return new Command.TaskReallocation(inspector[i.bcu], i.id, "task the next available unit");
    }

    private Command challenge(Incident i) {
        Divert v = i.overrideOpenToChallenge();
        if (v == null) {
            return null;
        }
        v.challenged = true;
        schedule(Kind.RESOLVE, between(MINUTE, 5 * MINUTE), i, null, 0, null);
        return new Command.ChallengeOverride(despatcher[i.bcu], i.id, "the immediate call is life at risk", v.unit.id);
    }

    private Command resolve(Incident i) {
        Divert v = i.challengeAwaitingDecision();
        if (v == null) {
            return null;
        }
        ChallengeDecision decision = chance(50) ? ChallengeDecision.UPHOLD_OVERRIDE : ChallengeDecision.ALLOW_DIVERT;
        v.resolution = decision;
        if (decision == ChallengeDecision.ALLOW_DIVERT) {
            if (v.to.open) {
                moveBackIfWhereLeft(v.unit, i, v.to);
            }
            requestReallocationIfBare(i);
        }
        return new Command.ResolveChallenge(dutyOfficer[i.bcu], i.id, decision, "decided on the log", v.unit.id);
    }

    private Command audit(Incident i) {
        if (!i.divertTagged || (!i.open && now - i.closedAt > AUDIT_HORIZON)) {
            return null;
        }
        Command.AuditOutcome[] outcomes = Command.AuditOutcome.values();
        return new Command.RecordDivertAudit(qaReviewer, i.id, outcomes[rnd.nextInt(outcomes.length)], "reviewed");
    }

    /** As the engine does: the unit goes to {@code dest} if free or still where the divert left it. */
    private void sendBack(Unit u, Incident expectedAt, Incident dest) {
        if (!moveBackIfWhereLeft(u, expectedAt, dest)) {
            requestReallocationIfBare(dest);
        }
    }

    /** As the engine does: true when the unit is (now) on {@code dest}. */
    private boolean moveBackIfWhereLeft(Unit u, Incident expectedAt, Incident dest) {
        if (u.committedTo == dest) {
            return true;
        }
        boolean free = u.committedTo == null && u.available;
        if (free || u.committedTo == expectedAt) {
            Incident left = u.committedTo;
            if (left != null) {
                release(u);
            }
            commit(u, dest);
            plan(u, dest, false);
            if (left != null && left.open && !left.attended && left.committed.isEmpty()) {
                schedule(Kind.ASSIGN, between(MINUTE, 5 * MINUTE), left, null, 0, null);
            }
            return true;
        }
        return false;
    }

    /** As the engine does: one open request at a time. */
    private void requestReallocationIfBare(Incident i) {
        if (i.open && i.committed.isEmpty() && !i.reallocationRequested) {
            i.reallocationRequested = true;
            schedule(Kind.TASK, between(30 * SECOND, 3 * MINUTE), i, null, 0, null);
        }
    }

    // --- unit status -----------------------------------------------------------------------------------------------

    private Command standDown() {
        schedule(Kind.STAND_DOWN, between(5 * MINUTE, 15 * MINUTE), null, null, 0, null);
        Unit u = takeFree();
        if (u == null) {
            return null;
        }
        u.available = false;
        schedule(Kind.STAND_UP, between(20 * MINUTE, 60 * MINUTE), null, u, 0, null);
        return new Command.SetUnitStatus(despatcher[u.index % BCUS.length], u.id, Command.UnitStatus.UNAVAILABLE);
    }

    private Command standUp(Unit u) {
        if (u.available || u.committedTo != null) {
            return null;
        }
        u.available = true;
        free.add(u.index);
        return new Command.SetUnitStatus(despatcher[u.index % BCUS.length], u.id, Command.UnitStatus.AVAILABLE);
    }

    // --- the model -------------------------------------------------------------------------------------------------

    private Unit takeFree() {
        if (free.size() == 0) {
            return null;
        }
        Unit u = units[free.random(rnd)];
        free.remove(u.index);
        return u;
    }

    private void commit(Unit u, Incident i) {
        free.remove(u.index);
        busy.add(u.index);
        u.committedTo = i;
        u.assignment++;
        u.acknowledged = false;
        u.atScene = false;
        i.committed.add(u);
        i.reallocationRequested = false;
    }

    private void release(Unit u) {
        Incident i = u.committedTo;
        u.committedTo = null;
        u.acknowledged = false;
        u.atScene = false;
        i.committed.remove(u);
        busy.remove(u.index);
        if (u.available) {
            free.add(u.index);
        }
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    private long between(long from, long to) {
        return rnd.nextLong(from, to + 1);
    }

    private static final class Unit {
        final int index;
        final String id;
        final Actor actor;
        Incident committedTo;
        long assignment;
        boolean acknowledged;
        boolean atScene;
        boolean available = true;

        Unit(int index, String id, Actor actor) {
            this.index = index;
            this.id = id;
            this.actor = actor;
        }
    }

    private static final class Incident {
        final String id;
        final String callId;
        final int bcu;
        Grade grade;
        boolean open;
        boolean attended;
        long closedAt;
        final List<Unit> committed = new ArrayList<>(2);
        final List<Divert> diverts = new ArrayList<>(0);
        boolean divertTagged;
        boolean reallocationRequested;

        Incident(String id, String callId, Grade grade, int bcu) {
            this.id = id;
            this.callId = callId;
            this.grade = grade;
            this.bcu = bcu;
        }

        Divert awaitingReview(Unit u) {
            for (Divert d : diverts) {
                if (d.review == null && d.unit == u) {
                    return d;
                }
            }
            return null;
        }

        Divert overrideOpenToChallenge() {
            for (int k = diverts.size() - 1; k >= 0; k--) {
                Divert d = diverts.get(k);
                if (d.review == DivertDecision.OVERRIDE && !d.challenged) {
                    return d;
                }
            }
            return null;
        }

        Divert challengeAwaitingDecision() {
            for (Divert d : diverts) {
                if (d.challenged && d.resolution == null) {
                    return d;
                }
            }
            return null;
        }
    }

    private static final class Divert {
        final Unit unit;
        final Incident to;
        DivertDecision review;
        boolean challenged;
        ChallengeDecision resolution;

        Divert(Unit unit, Incident to) {
            this.unit = unit;
            this.to = to;
        }
    }

    /**
     * Actions by time, then by the order scheduled. Its own heap, not {@code java.util.PriorityQueue}: the engine keeps
     * its deadlines in one, and sharing that class's JIT-compiled code (and type profile) with a second queue of a
     * different kind would slow the engine down in a way no deployment sees.
     */
    private static final class Agenda {
        private Action[] heap = new Action[1024];
        private int size;

        void add(Action a) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int k = size++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (!before(a, heap[parent])) {
                    break;
                }
                heap[k] = heap[parent];
                k = parent;
            }
            heap[k] = a;
        }

        Action poll() {
            Action first = heap[0];
            Action last = heap[--size];
            heap[size] = null;
            int k = 0;
            int half = size >>> 1;
            while (k < half) {
                int child = 2 * k + 1;
                if (child + 1 < size && before(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!before(heap[child], last)) {
                    break;
                }
                heap[k] = heap[child];
                k = child;
            }
            if (size > 0) {
                heap[k] = last;
            }
            return first;
        }

        private static boolean before(Action a, Action b) {
            return a.at < b.at || (a.at == b.at && a.seq < b.seq);
        }
    }

    /** A set of small ints with O(1) add, remove and random pick. */
    private static final class IndexedSet {
        private final int[] members;
        private final int[] position;
        private int size;

        IndexedSet(int capacity) {
            members = new int[capacity];
            position = new int[capacity];
            Arrays.fill(position, -1);
        }

        int size() {
            return size;
        }

        void add(int x) {
            if (position[x] < 0) {
                position[x] = size;
                members[size++] = x;
            }
        }

        void remove(int x) {
            int p = position[x];
            if (p >= 0) {
                int last = members[--size];
                members[p] = last;
                position[last] = p;
                position[x] = -1;
            }
        }

        int random(SplittableRandom rnd) {
            return members[rnd.nextInt(size)];
        }
    }
}
