package vigil.core.engine;

import java.util.ArrayList;
import java.util.List;
import vigil.core.Recipient;
import vigil.core.Role;

/** The alerts raised and not yet answered ({@link Queries#openAlerts()}), worked out from the room as it stands. */
final class OpenAlerts {
    private OpenAlerts() {}

    static List<Queries.AlertView> of(Room room) {
        List<Queries.AlertView> out = new ArrayList<>();
        List<IncidentState> incidents = room.incidents.values().stream().sorted(IncidentState.QUEUE_ORDER).toList();
        for (IncidentState i : incidents) {
            boolean waiting = i.open() && !i.attended();
            if (i.unresourcedAlerted && Queries.isUnresourced(i)) {
                out.add(incidentAlert(room, "IncidentUnresourced", i, null, Role.DESPATCHER));
            }
            if (waiting && i.warningAlerted) {
                out.add(incidentAlert(room, "AttendanceWarning", i, null, Role.DESPATCHER));
            }
            if (waiting && i.breachAlerted) {
                out.add(incidentAlert(room, "AttendanceBreached", i, null, Role.CONTROLLER));
            }
            for (String unitId : i.committed) {
                UnitState u = room.units.get(unitId);
                if (u.unacknowledgedAlerted && !u.acknowledged && !u.atScene) {
                    out.add(incidentAlert(room, "AssignmentUnacknowledged", i, unitId, Role.DESPATCHER));
                }
            }
            for (DivertState d : i.diverts()) {
                if (d.awaitingReview()) {
                    out.add(incidentAlert(room, "DivertReviewRequested", i, d.unitId, Role.CONTROLLER));
                    if (d.reviewOverdueAlerted) {
                        out.add(incidentAlert(room, "DivertReviewOverdue", i, d.unitId, Role.DUTY_OFFICER));
                    }
                } else if (d.stage == DivertState.Stage.OVERRIDE_CHALLENGED) {
                    out.add(incidentAlert(room, "OverrideChallenged", i, d.unitId, Role.DUTY_OFFICER));
                }
            }
            if (i.open() && i.reallocationRequested) {
                out.add(incidentAlert(room, "ReallocationRequested", i, null, Role.INSPECTOR));
            }
            if (i.open() && i.reallocationTasked) {
                out.add(incidentAlert(room, "ReallocationTasked", i, null, Role.DESPATCHER));
            }
            for (String schemeId : i.open() ? i.schemeIds : List.<String>of()) {
                SchemeState s = room.schemes.get(schemeId);
                if (i.grade.isBelow(s.requiredGrade())) {
                    out.add(new Queries.AlertView("GradeBelowScheme", i.id, null, s.id(),
                            room.roleIn(Role.CONTROLLER, i.bcu)));
                }
            }
        }
        for (SchemeState s : room.schemes.values()) {
            Recipient oic = room.staffOr(s.form.oic(), Role.OIC, s.form.bcu());
            if (s.contactOverdueAlerted && s.victimInformedAt == null) {
                out.add(new Queries.AlertView("VictimContactOverdue", null, null, s.id(), oic));
            }
            if (!s.active()) {
                continue;
            }
            if (s.firstStageSentAt != null) {
                out.add(new Queries.AlertView("FirstStageReviewSent", null, null, s.id(), oic));
            }
            if (s.secondStageAlerted) {
                out.add(new Queries.AlertView("SecondStageReviewSent", null, null, s.id(), crimeManagerOf(room, s.form.bcu())));
            }
            if (s.reviewOverdueAlerted) {
                out.add(new Queries.AlertView("SchemeReviewOverdue", null, null, s.id(),
                        room.roleIn(Role.CRIME_MANAGER, s.form.bcu())));
            }
        }
        return out;
    }

    private static Queries.AlertView incidentAlert(Room room, String type, IncidentState i, String unitId, Role role) {
        return new Queries.AlertView(type, i.id, unitId, null, room.alertTo(i.id, role));
    }

    /** The first crime manager of {@code bcu} on the roster, else every crime manager of it (as a second stage). */
    private static Recipient crimeManagerOf(Room room, String bcu) {
        for (vigil.core.Roster.StaffMember m : room.staff.values()) {
            if (m.role() == Role.CRIME_MANAGER && bcu != null && bcu.equals(m.bcu())) {
                return Recipient.staff(m.id());
            }
        }
        return room.roleIn(Role.CRIME_MANAGER, bcu);
    }
}
