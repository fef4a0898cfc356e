package vigil.core.engine;

import static vigil.core.Role.CONTROLLER;
import static vigil.core.Role.CRIME_MANAGER;
import static vigil.core.Role.DESPATCHER;
import static vigil.core.Role.DUTY_OFFICER;
import static vigil.core.Role.OIC;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vigil.core.Event;
import vigil.core.Event.AssignmentUnacknowledged;
import vigil.core.Event.AttendanceBreached;
import vigil.core.Event.AttendanceWarning;
import vigil.core.Event.DivertReviewOverdue;
import vigil.core.Event.FirstStageReviewSent;
import vigil.core.Event.GuidanceReminderSent;
import vigil.core.Event.IncidentUnresourced;
import vigil.core.Event.SchemeReviewOverdue;
import vigil.core.Event.SecondStageReviewSent;
import vigil.core.Event.VictimContactOverdue;
import vigil.core.Recipient;
import vigil.core.Recorded;
import vigil.core.Roster;

/**
 * Every deadline rule, incidents and schemes alike: when each kind is armed ({@link Room#apply} calls the
 * {@code arm...} methods, so a rebuilt room arms the same ones) and what it raises when it comes due
 * ({@link #fire}, one exhaustive switch over {@link Deadline.Kind}). A deadline checks state when it comes due: one
 * whose condition has gone, or whose token has been superseded, raises nothing; none raises its alert twice.
 */
final class Deadlines {
    /**
     * Bound on deadlines pending at once. A handful are armed per incident, assignment, divert and scheme cycle, and
     * each leaves the heap when due, so this many means something arms without end.
     */
    static final int MAX_PENDING = 50_000_000;

    private Deadlines() {}

    // --- arming (from Room.apply only) --------------------------------------------------------------------------

    static void armAcknowledgement(Room room, UnitState u, Instant assignedAt) {
        room.arm(assignedAt.plus(room.policy.ackWithin()), Deadline.Kind.ACKNOWLEDGEMENT, u.id, u.assignment);
    }

    static void armDivertReview(Room room, IncidentState i, DivertState v, Instant requestedAt) {
        room.arm(requestedAt.plus(room.policy.divertReviewWithin()), Deadline.Kind.DIVERT_REVIEW, i.id, v.token);
    }

    /** The unresourced alert, {@code unresourcedAfter} for the grade after the incident became bare (none if unset). */
    static void armUnresourced(Room room, IncidentState i) {
        Duration window = room.policy.unresourcedAfterFor(i.grade).orElse(null);
        if (window != null) {
            room.arm(i.unresourcedSince.plus(window), Deadline.Kind.UNRESOURCED, i.id, i.unresourcedToken);
        }
    }

    /** Warning at {@code warnFraction} of the target and breach at the target, measured from creation. */
    static void armCountdown(Room room, IncidentState i) {
        if (i.targetAt == null || i.attended()) {
            return;
        }
        Duration target = Duration.between(i.createdAt, i.targetAt);
        Instant warnAt = i.createdAt.plusNanos(Math.round(target.toNanos() * room.policy.warnFraction()));
        room.arm(warnAt, Deadline.Kind.ATTENDANCE_WARNING, i.id, i.countdownToken);
        room.arm(i.targetAt, Deadline.Kind.ATTENDANCE_BREACH, i.id, i.countdownToken);
    }

    /** The victim must be told of the scheme within {@code victimContactWithin} of activation. */
    static void armVictimContact(Room room, SchemeState s, Instant activatedAt) {
        room.arm(room.policy.victimContactWithin().addTo(activatedAt, room.policy.zone()),
                Deadline.Kind.VICTIM_CONTACT, s.id(), 0);
    }

    /** A review cycle: the first-stage review at {@code firstReviewAt}, the end of the scheme at {@code maxUntil}. */
    static void armCycle(Room room, SchemeState s) {
        room.arm(s.firstReviewAt, Deadline.Kind.FIRST_STAGE_REVIEW, s.id(), s.cycle);
        room.arm(s.maxUntil, Deadline.Kind.SCHEME_END, s.id(), s.cycle);
    }

    /** The second-stage review, {@code secondStageAfter} after the first-stage one was sent. */
    static void armSecondStage(Room room, SchemeState s, Instant firstStageAt) {
        room.arm(room.policy.secondStageAfter().addTo(firstStageAt, room.policy.zone()),
                Deadline.Kind.SECOND_STAGE_REVIEW, s.id(), s.cycle);
    }

    // --- firing --------------------------------------------------------------------------------------------------

    /** What deadline {@code d}, come due at {@code at}, raises: at most one alert, recorded through the engine. */
    static void fire(Engine engine, Room room, Deadline d, Instant at, List<Recorded> out) {
        Event alert = switch (d.kind()) {
            case ACKNOWLEDGEMENT -> {
                UnitState u = room.units.get(d.subject());
                yield u.committed() && u.assignment == d.token() && !u.acknowledged && !u.atScene
                        && !u.unacknowledgedAlerted
                        ? new AssignmentUnacknowledged(u.committedTo, u.id, room.alertTo(u.committedTo, DESPATCHER))
                        : null;
            }
            case DIVERT_REVIEW -> {
                // Whether or not the original is still open: closing it must not make the review disappear.
                IncidentState i = room.incidents.get(d.subject());
                DivertState v = i == null ? null : i.divert(d.token());
                yield v != null && v.awaitingReview() && !v.reviewOverdueAlerted
                        ? new DivertReviewOverdue(i.id, v.unitId, room.alertTo(i.id, DUTY_OFFICER)) : null;
            }
            case UNRESOURCED -> {
                IncidentState i = room.incidents.get(d.subject());
                yield i != null && i.open() && !i.attended() && i.committed.isEmpty() && i.unresourcedSince != null
                        && i.unresourcedToken == d.token() && !i.unresourcedAlerted
                        ? new IncidentUnresourced(i.id, room.alertTo(i.id, DESPATCHER)) : null;
            }
            case ATTENDANCE_WARNING -> {
                IncidentState i = countdownRunning(room, d);
                yield i != null && !i.warningAlerted
                        ? new AttendanceWarning(i.id, i.targetAt, room.alertTo(i.id, DESPATCHER)) : null;
            }
            case ATTENDANCE_BREACH -> {
                IncidentState i = countdownRunning(room, d);
                yield i != null && !i.breachAlerted
                        ? new AttendanceBreached(i.id, i.targetAt, room.alertTo(i.id, CONTROLLER)) : null;
            }
            case VICTIM_CONTACT -> {
                // Whatever became of the scheme since: the victim must have been told of it.
                SchemeState s = room.schemes.get(d.subject());
                yield s != null && s.victimInformedAt == null && !s.contactOverdueAlerted
                        ? new VictimContactOverdue(s.id(), s.form.oic(), oic(room, s)) : null;
            }
            case FIRST_STAGE_REVIEW -> {
                SchemeState s = activeInCycle(room, d);
                yield s != null && s.firstStageSentAt == null
                        ? new FirstStageReviewSent(s.id(), s.form.oic(), oic(room, s)) : null;
            }
            case SECOND_STAGE_REVIEW -> {
                SchemeState s = activeInCycle(room, d);
                yield s != null && !s.secondStageAlerted ? secondStage(room, s) : null;
            }
            case SCHEME_END -> {
                SchemeState s = activeInCycle(room, d);
                yield s != null && !s.reviewOverdueAlerted
                        ? new SchemeReviewOverdue(s.id(), room.roleIn(CRIME_MANAGER, s.form.bcu())) : null;
            }
            case GUIDANCE_REMINDER -> {
                GuidanceState g = room.guidance.get(d.subject());
                List<String> unconfirmed = g != null && g.reminderToken == d.token()
                        ? g.unconfirmed(room.staff.values()) : List.of();
                yield unconfirmed.isEmpty() ? null : new GuidanceReminderSent(g.id, unconfirmed);
            }
        };
        if (alert != null) {
            engine.record(alert, at, null, out);
        }
    }

    private static IncidentState countdownRunning(Room room, Deadline d) {
        IncidentState i = room.incidents.get(d.subject());
        return i != null && i.open() && !i.attended() && i.countdownToken == d.token() ? i : null;
    }

    /** Review deadlines concern an active scheme, in the review cycle they were armed for. */
    private static SchemeState activeInCycle(Room room, Deadline d) {
        SchemeState s = room.schemes.get(d.subject());
        return s != null && s.active() && s.cycle == d.token() ? s : null;
    }

    private static Recipient oic(Room room, SchemeState s) {
        return room.staffOr(s.form.oic(), OIC, s.form.bcu());
    }

    /** To the first crime manager of the scheme's BCU on the roster, else to the BCU's crime managers. */
    private static SecondStageReviewSent secondStage(Room room, SchemeState s) {
        String bcu = s.form.bcu();
        for (Roster.StaffMember m : room.staff.values()) {
            if (m.role() == CRIME_MANAGER && bcu != null && bcu.equals(m.bcu())) {
                return new SecondStageReviewSent(s.id(), m.id(), Recipient.staff(m.id()));
            }
        }
        return new SecondStageReviewSent(s.id(), null, room.roleIn(CRIME_MANAGER, bcu));
    }
}
