package vigil.core.engine;

import java.time.Instant;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Command.DivertDecision;

/** One divert of a unit away from an incident, and how the protocol has dealt with it. */
final class DivertState {
    /** Unique in the room's life: the review deadline names the divert by it. */
    final long token;
    final String unitId;
    final String toIncidentId;
    final Instant at;
    DivertDecision review;
    boolean reviewOverdue;
    boolean challenged;
    ChallengeDecision challengeResolution;

    DivertState(long token, String unitId, String toIncidentId, Instant at) {
        this.token = token;
        this.unitId = unitId;
        this.toIncidentId = toIncidentId;
        this.at = at;
    }

    boolean challengePending() {
        return challenged && challengeResolution == null;
    }
}
