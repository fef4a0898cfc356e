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
    Stage stage = Stage.AWAITING_REVIEW;
    /** The alert that its review is overdue has been raised. */
    boolean reviewOverdueAlerted;

    DivertState(long token, String unitId, String toIncidentId, Instant at) {
        this.token = token;
        this.unitId = unitId;
        this.toIncidentId = toIncidentId;
        this.at = at;
    }

    /** Where the divert stands in the protocol; each stage follows only from the one before it. */
    enum Stage {
        AWAITING_REVIEW, APPROVED, OVERRIDDEN, OVERRIDE_CHALLENGED, OVERRIDE_UPHELD, DIVERT_ALLOWED;

        static Stage reviewed(DivertDecision decision) {
            return switch (decision) {
                case APPROVE -> APPROVED;
                case OVERRIDE -> OVERRIDDEN;
            };
        }

        static Stage resolved(ChallengeDecision decision) {
            return switch (decision) {
                case UPHOLD_OVERRIDE -> OVERRIDE_UPHELD;
                case ALLOW_DIVERT -> DIVERT_ALLOWED;
            };
        }
    }

    boolean awaitingReview() {
        return stage == Stage.AWAITING_REVIEW;
    }
}
