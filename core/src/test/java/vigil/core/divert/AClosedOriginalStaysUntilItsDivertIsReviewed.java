package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.auditDivert;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.divertApproved;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.Command.AuditOutcome;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.core.story.ControlRoom;

/**
 * Audit 9, finding 2. The contract: "A divert must be reviewed even if the original is closed meanwhile ...
 * ReviewDivert APPROVE is still accepted". A room that bounds its live state (the server keeps closed incidents seven
 * days) forgot the closed original retainClosedFor after closing, review or no review: its DivertReviewRequested left
 * the controller's alerts and desk, and the review was refused UNKNOWN_INCIDENT. The divert was unreviewed by time alone.
 */
class AClosedOriginalStaysUntilItsDivertIsReviewed {
    private final ControlRoom room = controlRoom()
            .withPolicy(Policy.metropolitan().withRetainClosedFor(Span.of(Duration.ofHours(1))));

    @BeforeEach
    void theDespatcherDivertsTheUnitAndClosesTheOriginal() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).given(divert(U1).to(CAD_2));
        room.at(minute(3)).given(close(CAD_1));
    }

    @Test
    void daysLaterTheControllerStillSeesTheReviewAndMayGiveIt() {
        room.whenTimePasses(Duration.ofDays(3));

        assertThat(room.queries().openAlerts()).extracting(a -> a.type() + " " + a.incidentId())
                .contains("DivertReviewRequested " + CAD_1, "DivertReviewOverdue " + CAD_1);
        room.when(reviewDivertFrom(CAD_1).approve()).thenCommandEvents(divertApproved(CAD_1));
    }

    @Test
    void onceReviewedAndAuditedTheClosedOriginalLeavesLiveStateAsUsual() {
        room.at(minute(300)).given(auditDivert(CAD_1, AuditOutcome.INAPPROPRIATE));
        room.at(minute(600)).given(reviewDivertFrom(CAD_1).approve());

        room.whenClockReaches(minute(600 + 59));
        assertThat(room.queries().incidentDetail(CAD_1)).as("held for retainClosedFor after the review").isPresent();
        room.whenClockReaches(minute(600 + 61));
        assertThat(room.queries().incidentDetail(CAD_1)).isEmpty();
    }
}
