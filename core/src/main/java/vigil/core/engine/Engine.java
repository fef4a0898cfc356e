package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Policy;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Roster;

/**
 * The control-room engine: a single-writer state machine. Commands go in with the instant they happen; events come
 * out, numbered from 1. Time is an input: {@link #submit} first fires every deadline due strictly before the
 * command's instant, and {@link #advanceTo} fires those due up to and including an instant, in order (by instant,
 * then by the order they were armed). No wall clock, no threads, no I/O: the same inputs give the same events.
 *
 * <p>Guarantees: a refused command yields one {@code CommandRejected} and changes nothing; a unit is committed to at
 * most one incident; every deadline fires at most once and only while its condition holds; nothing closes by itself.
 * Not thread-safe: one writer drives it.
 */
public final class Engine {
    private final Room room;
    private Instant clock;
    private long seq;

    private Engine(Policy policy, Roster roster, Instant start) {
        this(new Room(policy, roster), start, 0);
    }

    private Engine(Room room, Instant clock, long seq) {
        this.room = room;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seq = seq;
    }

    /** A control room opening at {@code start} with the roster's staff and units, all units available. */
    public static Engine start(Policy policy, Roster roster, Instant start) {
        return new Engine(policy, roster, start);
    }

    /** Rebuilds an engine from its recorded events: same state, same pending deadlines. */
    public static Engine rebuild(Policy policy, Roster roster, Instant start, Iterable<Recorded> events) {
        Engine e = new Engine(policy, roster, start);
        for (Recorded r : events) {
            e.apply(r);
        }
        return e;
    }

    /**
     * The engine's whole state as bytes (format in ADR 012): what {@link #rebuild} would produce from the events so
     * far, pending deadlines, clock and {@link #lastSeq} included. {@link #restore} gives back an engine that answers
     * every query and every further command and deadline exactly as this one would.
     */
    public byte[] snapshot() {
        return SnapshotWriter.write(room, clock, seq);
    }

    /**
     * An engine from {@link #snapshot}'s bytes, under the policy it was taken with. Carry on with {@link #apply} for
     * the events recorded after {@link #lastSeq}. Throws {@link SnapshotRefused} for bytes of another format version
     * or policy, or damaged ones: then rebuild from the log.
     */
    public static Engine restore(Policy policy, byte[] snapshot) {
        SnapshotReader.Restored r = SnapshotReader.read(Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(snapshot, "snapshot"));
        return new Engine(r.room(), r.clock(), r.seq());
    }

    /** Applies one already-recorded event (for rebuilding); its seq must follow the last. */
    public void apply(Recorded r) {
        if (r.seq() != seq + 1) {
            throw new IllegalArgumentException("event " + r.seq() + " does not follow " + seq);
        }
        if (r.at().isBefore(clock)) {
            throw new IllegalArgumentException("event " + r.seq() + " at " + r.at() + " is before " + clock);
        }
        room.retention.forgetDue(r.at(), false); // as the live engine did before deciding at this instant
        seq = r.seq();
        clock = r.at();
        room.apply(r.event(), r.at());
    }

    /**
     * Decides one command at {@code at} (not before the engine's clock). Returns the events recorded: first those of
     * deadlines due strictly before {@code at}, then the command's own. {@code step} is the caller's reference for
     * the command, echoed in {@code CommandRejected}.
     */
    public List<Recorded> submit(long step, Command command, Instant at) {
        List<Recorded> out = new ArrayList<>(4);
        fireDue(at, false, out);
        clock = at;
        Actor actor = room.onRoster(command.by());
        Decision d = new Decision(this, room, at, step, command, actor, out);
        if (actor == null) {
            d.reject(Reason.NOT_PERMITTED, notOnRoster(command.by()));
            return out;
        }
        switch (command) {
            case Command.RecordCall c -> CallHandling.recordCall(d, c);
            case Command.CreateIncident c -> CallHandling.createIncident(d, c);
            case Command.LinkCall c -> CallHandling.linkCall(d, c);
            case Command.Regrade c -> CallHandling.regrade(d, c);
            case Command.AssignUnit c -> Despatch.assign(d, c);
            case Command.AcknowledgeAssignment c -> Despatch.acknowledge(d, c);
            case Command.ArriveAtScene c -> Despatch.arrive(d, c);
            case Command.ClearUnit c -> Despatch.clear(d, c);
            case Command.CloseIncident c -> Despatch.close(d, c);
            case Command.SetUnitStatus c -> Despatch.setStatus(d, c);
            case Command.DivertUnit c -> DivertProtocol.divert(d, c);
            case Command.ReviewDivert c -> DivertProtocol.review(d, c);
            case Command.ChallengeOverride c -> DivertProtocol.challenge(d, c);
            case Command.ResolveChallenge c -> DivertProtocol.resolve(d, c);
            case Command.TaskReallocation c -> DivertProtocol.taskReallocation(d, c);
            case Command.RecordDivertAudit c -> DivertProtocol.audit(d, c);
            case Command.RequestUrgentReview c -> DivertProtocol.urgentReview(d, c);
            case Command.RequestScheme c -> SchemeLifecycle.request(d, c);
            case Command.ActivateScheme c -> SchemeLifecycle.activate(d, c);
            case Command.RejectScheme c -> SchemeLifecycle.reject(d, c);
            case Command.RecordVictimContact c -> SchemeLifecycle.recordContact(d, c);
            case Command.ReviewScheme c -> SchemeLifecycle.review(d, c);
            case Command.AddStaff c -> Administration.addStaff(d, c);
            case Command.RemoveStaff c -> Administration.removeStaff(d, c);
            case Command.AddUnit c -> Administration.addUnit(d, c);
            case Command.RetireUnit c -> Administration.retireUnit(d, c);
            case Command.ReportUnitLocation c -> Administration.reportLocation(d, c);
            case Command.PublishGuidance c -> Guidance.publish(d, c);
            case Command.ConfirmGuidance c -> Guidance.confirm(d, c);
        }
        return out;
    }

    private String notOnRoster(Actor a) {
        if (a.role() == Role.UNIT) {
            return "unit " + a.id() + " is retired";
        }
        return room.removedStaff.contains(a.id()) ? a.id() + " has been removed from the roster"
                : a.id() + " is not on the roster";
    }

    /** Fires every deadline due at or before {@code until} and moves the clock there. */
    public List<Recorded> advanceTo(Instant until) {
        List<Recorded> out = new ArrayList<>(2);
        fireDue(until, true, out);
        clock = until;
        return out;
    }

    public Instant clock() {
        return clock;
    }

    /** The sequence number of the last event recorded (0 before the first). */
    public long lastSeq() {
        return seq;
    }

    /** When the next armed deadline is due, if any (it may turn out to fire nothing). */
    public Optional<Instant> nextDeadline() {
        Deadline d = room.deadlines.peek();
        return d == null ? Optional.empty() : Optional.of(d.at());
    }

    public Queries queries() {
        return new Queries(room, room.finder);
    }

    void record(Event e, Instant at, String by, List<Recorded> out) {
        Recorded r = new Recorded(++seq, at, e, by);
        room.apply(e, at);
        out.add(r);
    }

    private void fireDue(Instant t, boolean inclusive, List<Recorded> out) {
        if (t.isBefore(clock)) {
            throw new IllegalArgumentException("time runs forward: " + t + " is before " + clock);
        }
        long until = Deadline.nanos(t);
        Deadline d;
        while ((d = room.deadlines.peek()) != null) {
            if (d.atNanos() > until || (d.atNanos() == until && !inclusive)) {
                break;
            }
            room.deadlines.poll();
            Instant at = d.at().isBefore(clock) ? clock : d.at();
            // Forget only what left live state before this deadline: a closed original is still there to be reviewed.
            room.retention.forgetDue(at, false);
            clock = at;
            Deadlines.fire(this, room, d, at, out);
        }
        room.retention.forgetDue(t, inclusive);
    }
}
