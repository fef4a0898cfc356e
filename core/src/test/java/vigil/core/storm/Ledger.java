package vigil.core.storm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.Recorded;

/**
 * The storm's own account of the control room, kept from the events alone and the contract's rules. It knows which
 * deadline conditions hold and which have been raised, so it can tell a deadline raised twice, raised early, raised
 * for a closed or attended incident, or never raised at all.
 */
final class Ledger {
    final Policy policy;
    final Map<String, Inc> incidents = new HashMap<>();
    final Map<String, UnitBook> units = new HashMap<>();

    static final class Inc {
        final String id;
        final Instant createdAt;
        Grade grade;
        Instant targetAt;
        boolean closed;
        Instant closedAt;
        Instant attendedAt;
        final Set<String> units = new LinkedHashSet<>();
        /** Since when it has had no unit while open and unattended; null while it has one. */
        Instant bareSince;
        boolean unresourcedRaised;
        boolean warned;
        boolean breached;
        final List<Div> diverts = new ArrayList<>();

        Inc(String id, Instant createdAt, Grade grade, Instant targetAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.grade = grade;
            this.targetAt = targetAt;
        }

        boolean openAndUnattended() {
            return !closed && attendedAt == null;
        }
    }

    static final class Div {
        final String unitId;
        Instant requestedAt;
        boolean reviewed;
        boolean overdue;

        Div(String unitId) {
            this.unitId = unitId;
        }
    }

    static final class UnitBook {
        String on;
        Instant assignedAt;
        boolean acknowledged;
        boolean atScene;
        boolean chased;
    }

    /** A breach of an invariant seen while reading events. */
    record Breach(Invariant invariant, String what) {}

    Ledger(Policy policy) {
        this.policy = policy;
    }

    Instant warnAt(Inc i) {
        Duration target = Duration.between(i.createdAt, i.targetAt);
        return i.createdAt.plusNanos(Math.round(target.toNanos() * policy.warnFraction()));
    }

    Duration unresourcedWindow(Inc i) {
        return policy.unresourcedAfterFor(i.grade).orElse(null);
    }

    private UnitBook unit(String id) {
        return units.computeIfAbsent(id, k -> new UnitBook());
    }

    /** A closed incident leaves live state retainClosedFor after closing; its deadlines due after that are moot. */
    private boolean forgottenBefore(Inc i, Instant due) {
        return i.closedAt != null && policy.retainClosedFor() != null
                && !due.isBefore(policy.retainClosedFor().addTo(i.closedAt, policy.zone()));
    }

    /** Reads one event; returns what it breaks (if anything), then updates the account. */
    List<Breach> read(Recorded r) {
        List<Breach> out = new ArrayList<>(1);
        Instant at = r.at();
        switch (r.event()) {
            case Event.IncidentCreated e -> {
                Inc before = incidents.get(e.incidentId());
                boolean forgotten = before != null && before.closedAt != null && policy.retainClosedFor() != null
                        && !at.isBefore(policy.retainClosedFor().addTo(before.closedAt, policy.zone()));
                if (before != null && !forgotten) {
                    out.add(new Breach(Invariant.EVENTS_AGREE_WITH_STATE, "a second IncidentCreated for "
                            + e.incidentId() + " while the first is still held (DUPLICATE_ID expected)"));
                }
                Instant expected = policy.targetFor(e.grade()).map(at::plus).orElse(null);
                if (!Objects.equals(expected, e.targetAt())) {
                    out.add(new Breach(Invariant.EVENTS_AGREE_WITH_STATE, "IncidentCreated " + e.incidentId()
                            + " targetAt " + e.targetAt() + ", contract says " + expected));
                }
                Inc i = new Inc(e.incidentId(), at, e.grade(), e.targetAt());
                i.bareSince = at;
                incidents.put(i.id, i);
            }
            case Event.IncidentRegraded e -> {
                Inc i = incidents.get(e.incidentId());
                if (i != null) {
                    Instant expected = policy.targetFor(e.grade()).map(i.createdAt::plus).orElse(null);
                    if (!Objects.equals(expected, e.targetAt())) {
                        out.add(new Breach(Invariant.EVENTS_AGREE_WITH_STATE, "IncidentRegraded " + i.id
                                + " targetAt " + e.targetAt() + ", contract says creation + target = " + expected));
                    }
                    i.grade = e.grade();
                    i.targetAt = e.targetAt();
                    i.warned = false;
                    i.breached = false;
                }
            }
            case Event.IncidentClosed e -> {
                Inc i = incidents.get(e.incidentId());
                if (i != null) {
                    if (!i.units.isEmpty()) {
                        out.add(new Breach(Invariant.CLOSED_ONLY_BY_COMMAND, "IncidentClosed " + i.id
                                + " while units " + i.units + " were never cleared"));
                    }
                    i.closed = true;
                    i.closedAt = at;
                    i.bareSince = null;
                }
            }
            case Event.UnitAssigned e -> {
                UnitBook u = unit(e.unitId());
                if (u.on != null) {
                    release(e.unitId(), u, at);
                }
                Inc i = incidents.get(e.incidentId());
                u.on = e.incidentId();
                u.assignedAt = at;
                u.acknowledged = false;
                u.atScene = false;
                u.chased = false;
                if (i != null) {
                    i.units.add(e.unitId());
                    i.bareSince = null;
                }
            }
            case Event.AssignmentAcknowledged e -> unit(e.unitId()).acknowledged = true;
            case Event.UnitArrived e -> {
                unit(e.unitId()).atScene = true;
                Inc i = incidents.get(e.incidentId());
                if (i != null) {
                    boolean first = i.attendedAt == null;
                    Boolean within = i.targetAt == null ? null : !at.isAfter(i.targetAt);
                    if (e.firstAttendance() != first || !Objects.equals(within, e.withinTarget())) {
                        out.add(new Breach(Invariant.EVENTS_AGREE_WITH_STATE, "UnitArrived " + e + ", contract says"
                                + " firstAttendance=" + first + " withinTarget=" + within));
                    }
                    if (first) {
                        i.attendedAt = at;
                        i.bareSince = null;
                    }
                }
            }
            case Event.UnitCleared e -> release(e.unitId(), unit(e.unitId()), at);
            case Event.UnitDiverted e -> {
                release(e.unitId(), unit(e.unitId()), at);
                Inc from = incidents.get(e.fromIncidentId());
                if (from != null) {
                    from.diverts.add(new Div(e.unitId()));
                }
            }
            case Event.DivertReviewRequested e -> {
                Inc i = incidents.get(e.incidentId());
                if (i != null && !i.diverts.isEmpty()) {
                    i.diverts.get(i.diverts.size() - 1).requestedAt = at;
                }
            }
            case Event.DivertApproved e -> reviewed(e.incidentId(), e.unitId());
            case Event.DivertOverridden e -> reviewed(e.incidentId(), e.unitId());

            // --- deadline events: each must be due, and its condition must still hold, and not yet raised ---------
            case Event.AssignmentUnacknowledged e -> {
                UnitBook u = unit(e.unitId());
                Inc i = incidents.get(e.incidentId());
                String why = !e.incidentId().equals(u.on) ? "the unit is not on that incident"
                        : u.acknowledged ? "the unit has acknowledged"
                        : u.atScene ? "the unit is at scene"
                        : u.chased ? "it was already raised for this assignment"
                        : at.isBefore(u.assignedAt.plus(policy.ackWithin())) ? "ackWithin has not passed"
                        : i == null || i.closed ? "the incident is closed" : null;
                deadline(out, r, why);
                u.chased = true;
            }
            case Event.DivertReviewOverdue e -> {
                Inc i = incidents.get(e.incidentId());
                Div due = i == null ? null : i.diverts.stream()
                        .filter(d -> d.unitId.equals(e.unitId()) && !d.reviewed && !d.overdue && d.requestedAt != null
                                && !at.isBefore(d.requestedAt.plus(policy.divertReviewWithin())))
                        .findFirst().orElse(null);
                // A closed original is still reviewed (the contract): closing it does not excuse the review.
                String why = i == null ? "no such incident"
                        : due == null ? "no divert of " + e.unitId() + " from it is due and unreviewed" : null;
                deadline(out, r, why);
                if (due != null) {
                    due.overdue = true;
                }
            }
            case Event.IncidentUnresourced e -> {
                Inc i = incidents.get(e.incidentId());
                Duration window = i == null ? null : unresourcedWindow(i);
                String why = i == null ? "no such incident" : i.closed ? "the incident is closed"
                        : i.attendedAt != null ? "the incident is attended"
                        : !i.units.isEmpty() ? "units " + i.units + " are committed to it"
                        : i.unresourcedRaised ? "it was already raised since the incident was last left bare"
                        : window == null ? "grade " + i.grade + " has no unresourced window"
                        : i.bareSince == null ? "it is not bare"
                        : at.isBefore(i.bareSince.plus(window)) ? "it has been bare only since " + i.bareSince : null;
                deadline(out, r, why);
                if (i != null) {
                    i.unresourcedRaised = true;
                }
            }
            case Event.AttendanceWarning e -> {
                Inc i = incidents.get(e.incidentId());
                String why = countdownWrong(i, e.targetAt(), i != null && i.warned, at,
                        i == null || i.targetAt == null ? null : warnAt(i));
                deadline(out, r, why);
                if (i != null) {
                    i.warned = true;
                }
            }
            case Event.AttendanceBreached e -> {
                Inc i = incidents.get(e.incidentId());
                String why = countdownWrong(i, e.targetAt(), i != null && i.breached, at,
                        i == null ? null : i.targetAt);
                deadline(out, r, why);
                if (i != null) {
                    i.breached = true;
                }
            }
            default -> { }
        }
        return out;
    }

    private static String countdownWrong(Inc i, Instant eventTarget, boolean alreadyRaised, Instant at, Instant due) {
        return i == null ? "no such incident" : i.closed ? "the incident is closed"
                : i.attendedAt != null ? "the incident was attended at " + i.attendedAt
                : i.targetAt == null ? "the incident has no target"
                : !i.targetAt.equals(eventTarget) ? "its target is " + i.targetAt
                : alreadyRaised ? "it was already raised against this target"
                : at.isBefore(due) ? "it is not due until " + due : null;
    }

    private static void deadline(List<Breach> out, Recorded r, String why) {
        if (why != null) {
            out.add(new Breach(Invariant.DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE, r.event().type() + " #" + r.seq()
                    + " at " + r.at() + " " + r.event() + ": " + why));
        }
    }

    private void reviewed(String incidentId, String unitId) {
        Inc i = incidents.get(incidentId);
        if (i == null) {
            return;
        }
        i.diverts.stream().filter(d -> !d.reviewed && d.unitId.equals(unitId)).findFirst()
                .ifPresent(d -> d.reviewed = true);
    }

    private void release(String unitId, UnitBook u, Instant at) {
        Inc i = u.on == null ? null : incidents.get(u.on);
        u.on = null;
        u.acknowledged = false;
        u.atScene = false;
        if (i != null) {
            i.units.remove(unitId);
            if (i.openAndUnattended() && i.units.isEmpty()) {
                i.bareSince = at;
                i.unresourcedRaised = false;
            }
        }
    }

    /** Deadlines due at or before {@code t} whose conditions still hold but which were never raised. */
    List<String> missedBy(Instant t) {
        List<String> missed = new ArrayList<>();
        for (Inc i : incidents.values()) {
            if (!i.openAndUnattended()) {
                continue;
            }
            Duration window = unresourcedWindow(i);
            if (i.units.isEmpty() && i.bareSince != null && window != null && !i.unresourcedRaised
                    && !i.bareSince.plus(window).isAfter(t)) {
                missed.add("IncidentUnresourced " + i.id + " (bare since " + i.bareSince + ", due "
                        + i.bareSince.plus(window) + ")");
            }
            if (i.targetAt != null && !i.warned && !warnAt(i).isAfter(t)) {
                missed.add("AttendanceWarning " + i.id + " (due " + warnAt(i) + ")");
            }
            if (i.targetAt != null && !i.breached && !i.targetAt.isAfter(t)) {
                missed.add("AttendanceBreached " + i.id + " (due " + i.targetAt + ")");
            }
        }
        for (Inc i : incidents.values()) {
            for (Div d : i.diverts) {
                Instant due = d.requestedAt == null ? null : d.requestedAt.plus(policy.divertReviewWithin());
                if (due != null && !d.reviewed && !d.overdue && !due.isAfter(t) && !forgottenBefore(i, due)) {
                    missed.add("DivertReviewOverdue " + i.id + " for " + d.unitId + " (requested " + d.requestedAt
                            + ")");
                }
            }
        }
        for (Map.Entry<String, UnitBook> e : units.entrySet()) {
            UnitBook u = e.getValue();
            Inc i = u.on == null ? null : incidents.get(u.on);
            if (i != null && !i.closed && !u.acknowledged && !u.atScene && !u.chased
                    && !u.assignedAt.plus(policy.ackWithin()).isAfter(t)) {
                missed.add("AssignmentUnacknowledged " + u.on + " " + e.getKey() + " (assigned " + u.assignedAt + ")");
            }
        }
        return missed;
    }
}
