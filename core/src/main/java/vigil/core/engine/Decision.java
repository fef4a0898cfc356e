package vigil.core.engine;

import java.time.Instant;
import java.util.List;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Permissions;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.core.Role;

/**
 * One command being decided. Handlers check everything first and refuse with {@link #reject}; once they start to
 * {@link #emit}, each event is applied at once, so later events of the same command see the state it leaves.
 */
final class Decision {
    final Room room;
    final Instant at;
    final long step;
    final Command command;
    private final Engine engine;
    private final List<Recorded> out;
    private final Actor by;
    /** A refused command records its one refusal and nothing more. */
    private boolean refused;

    /** {@code by}: the actor as the roster knows them (see {@link Room#onRoster}). */
    Decision(Engine engine, Room room, Instant at, long step, Command command, Actor by, List<Recorded> out) {
        this.engine = engine;
        this.room = room;
        this.at = at;
        this.step = step;
        this.command = command;
        this.by = by;
        this.out = out;
    }

    /** Who is acting, with the role and BCU the roster gives them. */
    Actor by() {
        return by;
    }

    void emit(Event e) {
        assert !refused : command.name() + " was refused, yet emits " + e.type();
        engine.record(e, at, command.by().id(), out);
    }

    /** Refuses the command: one {@code CommandRejected}, no change. Returns false for use in guard chains. */
    boolean reject(Reason reason, String detail) {
        assert !refused : command.name() + " refused twice: " + detail;
        refused = true;
        engine.record(new Event.CommandRejected(step, command.name(), reason, detail), at, command.by().id(), out);
        return false;
    }

    /** True when the actor's role may send this command ({@link Permissions}); otherwise rejects NOT_PERMITTED. */
    boolean permitted() {
        Role role = by().role();
        return Permissions.may(role, command.getClass())
                || reject(Reason.NOT_PERMITTED, role + " " + by().id() + " may not " + command.name());
    }

    /** A unit may act for itself only; otherwise a role {@link #permitted()} may act for it (relaying by radio). */
    boolean permittedForUnit(String unitId) {
        if (by().role() == Role.UNIT) {
            return by().id().equals(unitId)
                    || reject(Reason.NOT_PERMITTED, "unit " + by().id() + " may not act for unit " + unitId);
        }
        return permitted();
    }

    IncidentState incident(String id) {
        IncidentState i = room.incidents.get(id);
        if (i == null) {
            reject(Reason.UNKNOWN_INCIDENT, "no incident " + id);
        }
        return i;
    }

    UnitState unit(String id) {
        UnitState u = room.units.get(id);
        if (u == null) {
            reject(Reason.UNKNOWN_UNIT, "no unit " + id);
        }
        return u;
    }

    CallState call(String id) {
        CallState c = room.calls.get(id);
        if (c == null) {
            reject(Reason.UNKNOWN_CALL, "no call " + id);
        }
        return c;
    }

    boolean open(IncidentState i) {
        return i.open() || reject(Reason.INVALID_STATE, "incident " + i.id + " is closed");
    }
}
