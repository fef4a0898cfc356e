package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.auditDivert;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.requestUrgentReview;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.Expected.event;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.Command.AuditOutcome;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.core.story.ControlRoom;

/**
 * Audit 9, finding 3. "QART will regularly review the DIVERT tag list": the server lists every divert in the QART
 * queue, awaiting audit, for ever; but the engine forgot a closed incident retainClosedFor (seven days in the server)
 * after it closed, so RecordDivertAudit and RequestUrgentReview of a divert whose incident closed a week earlier were
 * refused UNKNOWN_INCIDENT: the queue asked for an audit no one could record. A divert-tagged incident stays until it
 * is audited, then retainClosedFor more; a later divert from it wants an audit of its own.
 */
class ADivertIsAuditableHoweverLongAgoItsIncidentClosed {
    private final ControlRoom room = controlRoom()
            .withPolicy(Policy.metropolitan().withRetainClosedFor(Span.of(Duration.ofHours(1))));

    @BeforeEach
    void aDivertIsReviewedAndTheOriginalAttendedAndClosed() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).given(divert(U1).to(CAD_2));
        room.at(minute(3)).given(reviewDivertFrom(CAD_1).approve(), assign(U2).to(CAD_1));
        room.at(minute(30)).given(close(CAD_1));
    }

    @Test
    void aMonthLaterQartStillRecordsItsAudit() {
        room.whenTimePasses(Duration.ofDays(30));

        room.when(requestUrgentReview(CAD_1)).thenCommandEvents(event("UrgentReviewRequested", "incidentId", CAD_1));
        room.when(auditDivert(CAD_1, AuditOutcome.APPROPRIATE))
                .thenCommandEvents(event("DivertAudited", "incidentId", CAD_1));
    }

    @Test
    void onceAuditedTheClosedIncidentLeavesLiveStateAsUsual() {
        room.at(minute(600)).given(auditDivert(CAD_1, AuditOutcome.LEARNING));

        room.whenClockReaches(minute(600 + 59));
        assertThat(room.queries().incidentDetail(CAD_1)).as("held for retainClosedFor after the audit").isPresent();
        room.whenClockReaches(minute(600 + 61));
        assertThat(room.queries().incidentDetail(CAD_1)).isEmpty();
    }
}
