package vigil.core.engine;

import static vigil.core.Role.ADMIN;

import vigil.core.Command.AddStaff;
import vigil.core.Command.AddUnit;
import vigil.core.Command.RemoveStaff;
import vigil.core.Command.ReportUnitLocation;
import vigil.core.Command.RetireUnit;
import vigil.core.Event.StaffAdded;
import vigil.core.Event.StaffRemoved;
import vigil.core.Event.UnitAdded;
import vigil.core.Event.UnitLocationReported;
import vigil.core.Event.UnitRetired;
import vigil.core.Reason;
import vigil.core.Role;

/**
 * The roster as the engine knows it: an {@code ADMIN} adds and removes staff and units; a unit (or a despatcher
 * relaying it by radio) reports where it is. Staff and units share one set of ids, and ids stay taken, so the record
 * never confuses two people or two cars.
 */
final class Administration {
    private Administration() {}

    static void addStaff(Decision d, AddStaff c) {
        if (!d.permitted()) {
            return;
        }
        if (c.role() == Role.UNIT) {
            d.reject(Reason.INVALID_STATE, "a unit is added with AddUnit, not as staff");
            return;
        }
        if (d.room.idTaken(c.staffId())) {
            d.reject(Reason.DUPLICATE_ID, "id " + c.staffId() + " is already taken");
            return;
        }
        d.emit(new StaffAdded(c.staffId(), c.role(), c.bcu()));
    }

    static void removeStaff(Decision d, RemoveStaff c) {
        if (!d.permitted()) {
            return;
        }
        if (!d.room.staff.containsKey(c.staffId())) {
            d.reject(Reason.INVALID_STATE, d.room.removedStaff.contains(c.staffId())
                    ? c.staffId() + " has already been removed" : "no staff member " + c.staffId() + " on the roster");
            return;
        }
        // Nobody could add staff or units again: a room with no administrator cannot be run.
        if (d.room.staff.get(c.staffId()).role() == ADMIN
                && d.room.staff.values().stream().filter(m -> m.role() == ADMIN).count() == 1) {
            d.reject(Reason.INVALID_STATE, c.staffId() + " is the last administrator on the roster: add another first");
            return;
        }
        d.emit(new StaffRemoved(c.staffId()));
    }

    static void addUnit(Decision d, AddUnit c) {
        if (!d.permitted()) {
            return;
        }
        if (d.room.idTaken(c.unitId())) {
            d.reject(Reason.DUPLICATE_ID, "id " + c.unitId() + " is already taken");
            return;
        }
        d.emit(new UnitAdded(c.unitId(), c.callSign(), c.bcu(), c.location()));
    }

    static void retireUnit(Decision d, RetireUnit c) {
        if (!d.permitted()) {
            return;
        }
        UnitState u = d.unit(c.unitId());
        if (u == null || !onRoster(d, u)) {
            return;
        }
        if (u.committed()) {
            d.reject(Reason.UNIT_COMMITTED, "unit " + u.id + " is committed to " + u.committedTo);
            return;
        }
        d.emit(new UnitRetired(u.id));
    }

    static void reportLocation(Decision d, ReportUnitLocation c) {
        if (!d.permittedForUnit(c.unitId())) {
            return;
        }
        UnitState u = d.unit(c.unitId());
        if (u == null || !onRoster(d, u)) {
            return;
        }
        d.emit(new UnitLocationReported(u.id, c.location()));
    }

    /** A retired unit is kept only so that its id stays taken; nothing more can be done with it. */
    static boolean onRoster(Decision d, UnitState u) {
        return !u.retired || d.reject(Reason.INVALID_STATE, "unit " + u.id + " is retired");
    }
}
