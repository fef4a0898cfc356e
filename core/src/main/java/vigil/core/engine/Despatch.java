package vigil.core.engine;

import java.util.List;
import vigil.core.Command.AcknowledgeAssignment;
import vigil.core.Command.ArriveAtScene;
import vigil.core.Command.AssignUnit;
import vigil.core.Command.ClearUnit;
import vigil.core.Command.CloseIncident;
import vigil.core.Command.SetUnitStatus;
import vigil.core.Command.UnitStatus;
import vigil.core.Event.AssignmentAcknowledged;
import vigil.core.Event.IncidentClosed;
import vigil.core.Event.UnitArrived;
import vigil.core.Event.UnitAssigned;
import vigil.core.Event.UnitCleared;
import vigil.core.Event.UnitStatusChanged;
import vigil.core.Reason;

/** Despatch: committing units to incidents, their acknowledgement, arrival and clearing, closing incidents. */
final class Despatch {
    private Despatch() {}

    static void assign(Decision d, AssignUnit c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null) {
            return;
        }
        UnitState u = d.unit(c.unitId());
        if (u == null || !d.open(i) || !available(d, u)) {
            return;
        }
        d.emit(new UnitAssigned(i.id, u.id));
    }

    /** On the roster, not committed and not stood down; otherwise rejects. */
    static boolean available(Decision d, UnitState u) {
        if (u.retired) {
            return d.reject(Reason.UNIT_NOT_AVAILABLE, "unit " + u.id + " is retired");
        }
        if (u.committed()) {
            return d.reject(Reason.UNIT_COMMITTED, "unit " + u.id + " is committed to " + u.committedTo);
        }
        if (u.status != UnitStatus.AVAILABLE) {
            return d.reject(Reason.UNIT_NOT_AVAILABLE, "unit " + u.id + " is " + u.status);
        }
        return true;
    }

    /** The unit must be committed to the incident now; otherwise rejects. */
    private static boolean committedTo(Decision d, UnitState u, IncidentState i) {
        return i.id.equals(u.committedTo)
                || d.reject(Reason.INVALID_STATE, "unit " + u.id + " is not committed to " + i.id);
    }

    static void acknowledge(Decision d, AcknowledgeAssignment c) {
        if (!d.permittedForUnit(c.unitId())) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        UnitState u = i == null ? null : d.unit(c.unitId());
        if (u == null || !committedTo(d, u, i)) {
            return;
        }
        if (u.acknowledged) {
            d.reject(Reason.INVALID_STATE, "unit " + u.id + " has already acknowledged " + i.id);
            return;
        }
        d.emit(new AssignmentAcknowledged(i.id, u.id));
    }

    static void arrive(Decision d, ArriveAtScene c) {
        if (!d.permittedForUnit(c.unitId())) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        UnitState u = i == null ? null : d.unit(c.unitId());
        if (u == null || !committedTo(d, u, i)) {
            return;
        }
        if (u.atScene) {
            d.reject(Reason.INVALID_STATE, "unit " + u.id + " is already at " + i.id);
            return;
        }
        Boolean withinTarget = i.targetAt == null ? null : !d.at.isAfter(i.targetAt);
        d.emit(new UnitArrived(i.id, u.id, !i.attended(), withinTarget));
    }

    static void clear(Decision d, ClearUnit c) {
        if (!d.permittedForUnit(c.unitId())) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        UnitState u = i == null ? null : d.unit(c.unitId());
        if (u == null || !committedTo(d, u, i)) {
            return;
        }
        d.emit(new UnitCleared(i.id, u.id));
    }

    static void close(Decision d, CloseIncident c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null || !d.open(i)) {
            return;
        }
        for (String unitId : List.copyOf(i.committed)) {
            d.emit(new UnitCleared(i.id, unitId));
        }
        d.emit(new IncidentClosed(i.id, c.disposition()));
    }

    static void setStatus(Decision d, SetUnitStatus c) {
        if (!d.permitted()) {
            return;
        }
        UnitState u = d.unit(c.unitId());
        if (u == null || !Administration.onRoster(d, u)) {
            return;
        }
        if (u.committed()) {
            d.reject(Reason.UNIT_COMMITTED, "unit " + u.id + " is committed to " + u.committedTo);
            return;
        }
        d.emit(new UnitStatusChanged(u.id, c.status()));
    }
}
