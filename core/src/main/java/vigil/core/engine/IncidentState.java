package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vigil.core.Grade;
import vigil.core.Location;

/** Live state of one incident. Mutated only by {@link Room#apply}. */
final class IncidentState {
    /** The queue's order: by grade, then oldest first, then by id. */
    static final Comparator<IncidentState> QUEUE_ORDER =
            Comparator.comparing((IncidentState i) -> i.grade).thenComparing(i -> i.createdAt).thenComparing(i -> i.id);

    final String id;
    final String callId;
    final Instant createdAt;
    final String type;
    final Boolean domestic;
    final String bcu;
    /** The scene: where its first call placed it; null when not known. */
    Location location;
    Grade grade;
    Instant targetAt;
    Instant attendedAt;
    boolean closed;
    boolean divertTagged;
    /** QA has audited the DIVERT tag since its latest divert (RecordDivertAudit); a new divert wants a new audit. */
    boolean divertAudited;
    /** Units committed now, in the order they were assigned. Small: a handful at most. */
    final List<String> committed = new ArrayList<>(2);
    final List<String> linkedCalls = new ArrayList<>(1);
    /** Renewed on regrade, so warnings and breaches armed under the old grade fire nothing. */
    long countdownToken;
    /** The attendance warning (breach) alert has been raised under the current grade. */
    boolean warningAlerted;
    boolean breachAlerted;
    /** When the incident last lost (or never had) a unit while unattended; null while resourced or attended. */
    Instant unresourcedSince;
    long unresourcedToken;
    boolean unresourcedAlerted;
    List<DivertState> diverts; // null until the first divert
    /** Bound on diverts from one incident (each needs a unit committed to it and taken away): beyond it, refused. */
    static final int MAX_DIVERTS = 1_000;
    boolean reallocationRequested;
    /** The inspector tasked despatch (ReallocationTasked) and no unit has been assigned since. */
    boolean reallocationTasked;
    /** Active schemes its calls matched when they were recorded; empty when none. */
    List<String> schemeIds = List.of();

    IncidentState(String id, String callId, Instant createdAt, Grade grade, Instant targetAt, String type,
                  Boolean domestic, String bcu) {
        this.id = id;
        this.callId = callId;
        this.createdAt = createdAt;
        this.grade = grade;
        this.targetAt = targetAt;
        this.type = type;
        this.domestic = domestic;
        this.bcu = bcu;
    }

    boolean open() {
        return !closed;
    }

    boolean attended() {
        return attendedAt != null;
    }

    List<DivertState> diverts() {
        return diverts == null ? List.of() : diverts;
    }

    /** The oldest divert not yet reviewed (of {@code unitId} when given), or null. */
    DivertState divertAwaitingReview(String unitId) {
        for (DivertState d : diverts()) {
            if (d.awaitingReview() && (unitId == null || d.unitId.equals(unitId))) {
                return d;
            }
        }
        return null;
    }

    /** The latest overridden divert not yet challenged (of {@code unitId} when given), or null. */
    DivertState overrideOpenToChallenge(String unitId) {
        List<DivertState> all = diverts();
        for (int k = all.size() - 1; k >= 0; k--) {
            DivertState d = all.get(k);
            if (d.stage == DivertState.Stage.OVERRIDDEN && (unitId == null || d.unitId.equals(unitId))) {
                return d;
            }
        }
        return null;
    }

    /** The oldest challenged override awaiting the duty officer (of {@code unitId} when given), or null. */
    DivertState challengeAwaitingDecision(String unitId) {
        for (DivertState d : diverts()) {
            if (d.stage == DivertState.Stage.OVERRIDE_CHALLENGED && (unitId == null || d.unitId.equals(unitId))) {
                return d;
            }
        }
        return null;
    }

    DivertState divert(long token) {
        for (DivertState d : diverts()) {
            if (d.token == token) {
                return d;
            }
        }
        return null;
    }

    DivertState latestDivert() {
        return diverts == null ? null : diverts.get(diverts.size() - 1);
    }
}
