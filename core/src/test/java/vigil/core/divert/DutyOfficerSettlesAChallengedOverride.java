package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.Acts.challengeOverride;
import static vigil.core.story.Acts.resolveChallengeOn;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.ExpectedEvents.challengeResolved;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;
import static vigil.core.story.ExpectedEvents.overrideChallenged;
import static vigil.core.story.ExpectedEvents.reallocationRequested;
import static vigil.core.story.ExpectedEvents.unitAssigned;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * The despatcher thinks the controller's override is wrong and challenges it; the duty officer decides. Upholding
 * leaves the unit on the original; allowing the divert sends it back to the knife call and the original asks for
 * another unit.
 */
class DutyOfficerSettlesAChallengedOverride {
    private final ControlRoom room = TheNightOf31May2018.afterU1IsDivertedToTheKnifeCall();

    @BeforeEach
    void theControllerOverridesTheDivert() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).override());
        room.at(london("2018-06-01T00:06:20")).given(unit(U1).acknowledges(CAD_1));
    }

    @Test
    void theDespatcherChallengesTheOverride() {
        room.at(london("2018-06-01T00:07")).when(challengeOverride(CAD_1))
                .thenEvents(overrideChallenged(CAD_1));
    }

    @Test
    void upholdingTheOverrideKeepsTheUnitOnTheOriginal() {
        room.at(london("2018-06-01T00:07")).given(challengeOverride(CAD_1));

        room.at(london("2018-06-01T00:08")).when(resolveChallengeOn(CAD_1).upholdOverride())
                .thenEvents(challengeResolved(CAD_1, ChallengeDecision.UPHOLD_OVERRIDE));
        assertThat(room.unitView(U1).committedTo()).isEqualTo(CAD_1);
    }

    /**
     * The contract: "ResolveChallenge ALLOW_DIVERT sends the unit back to the incident it was diverted to (under the
     * same condition) and asks for reallocation of the original, as an approval would."
     */
    @Test
    void allowingTheDivertSendsTheUnitBackToTheKnifeCallAndAsksForAnotherUnit() {
        room.at(london("2018-06-01T00:07")).given(challengeOverride(CAD_1));

        room.at(london("2018-06-01T00:08")).when(resolveChallengeOn(CAD_1).allowDivert())
                .thenEvents(
                        challengeResolved(CAD_1, ChallengeDecision.ALLOW_DIVERT),
                        unitAssigned(CAD_2, U1),
                        reallocationRequested(CAD_1));
        assertThat(room.unitView(U1).committedTo()).isEqualTo(CAD_2);
        assertThat(room.queries().unresourced()).extracting(v -> v.id()).containsExactly(CAD_1);
    }

    @Test
    void theOriginalsUnresourcedClockRestartsWhenTheDivertIsAllowed() {
        room.at(london("2018-06-01T00:07")).given(challengeOverride(CAD_1));
        room.at(london("2018-06-01T00:08")).given(resolveChallengeOn(CAD_1).allowDivert());
        room.at(london("2018-06-01T00:08:20")).given(unit(U1).acknowledges(CAD_2));

        room.whenClockReaches(london("2018-06-01T00:17:59"))
                .thenHistoryHasNo(incidentUnresourced(CAD_1));
        room.whenClockReaches(london("2018-06-01T00:18"))
                .thenEvents(incidentUnresourced(CAD_1).at(Instant.parse("2018-05-31T23:18:00Z")));
    }

    @Test
    void anOverrideIsChallengedOnce() {
        room.at(london("2018-06-01T00:07")).given(challengeOverride(CAD_1));

        room.at(london("2018-06-01T00:07:30")).when(challengeOverride(CAD_1))
                .thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void thereIsNothingToResolveBeforeAChallenge() {
        room.at(london("2018-06-01T00:07")).when(resolveChallengeOn(CAD_1).allowDivert())
                .thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void aChallengeIsResolvedOnce() {
        room.at(london("2018-06-01T00:07")).given(challengeOverride(CAD_1));
        room.at(london("2018-06-01T00:08")).given(resolveChallengeOn(CAD_1).upholdOverride());

        room.at(london("2018-06-01T00:09")).when(resolveChallengeOn(CAD_1).allowDivert())
                .thenRejected(Reason.INVALID_STATE);
    }

    @Test
    void anApprovedDivertHasNoOverrideToChallenge() {
        ControlRoom approved = TheNightOf31May2018.afterU1IsDivertedToTheKnifeCall();
        approved.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());

        approved.at(london("2018-06-01T00:07")).when(challengeOverride(CAD_1))
                .thenRejected(Reason.INVALID_STATE);
    }
}
