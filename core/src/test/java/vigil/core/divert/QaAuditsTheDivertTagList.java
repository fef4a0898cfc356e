package vigil.core.divert;

import static vigil.core.story.Acts.auditDivert;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.requestUrgentReview;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.dutyOfficer;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.Expected.event;
import static vigil.core.story.ExpectedEvents.divertAudited;

import org.junit.jupiter.api.Test;
import vigil.core.Command.AuditOutcome;
import vigil.core.Reason;
import vigil.core.Recipient;
import vigil.core.Role;
import vigil.core.story.ControlRoom;

/**
 * The DIVERT tag stays on the original incident for audit. QART works through the tag list after the event and
 * records an outcome for each; an incident without the tag has nothing to audit.
 */
class QaAuditsTheDivertTagList {
    private final ControlRoom room = TheNightOf31May2018.afterU1IsDivertedToTheKnifeCall();

    @Test
    void qaRecordsAnOutcomeOnATaggedIncident() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());

        room.at(london("2018-06-01T09:00")).when(auditDivert(CAD_1, AuditOutcome.APPROPRIATE))
                .thenCommandEvents(divertAudited(CAD_1, AuditOutcome.APPROPRIATE));
    }

    @Test
    void theTagCanBeAuditedAfterTheIncidentIsClosed() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());
        room.at(london("2018-06-01T01:00")).given(close(CAD_1));

        room.at(london("2018-06-02T10:00")).when(auditDivert(CAD_1, AuditOutcome.LEARNING))
                .thenCommandEvents(divertAudited(CAD_1, AuditOutcome.LEARNING));
    }

    /** QART reviews the tag list monthly: the tag "stays on the record for audit" (glossary), not for a week. */
    @Test
    void theTagIsStillOnTheRecordAtTheMonthlyQaReview() {
        room.at(london("2018-06-01T00:06")).given(reviewDivertFrom(CAD_1).approve());
        room.at(london("2018-06-01T01:00")).given(close(CAD_1));

        room.at(london("2018-07-02T10:00")).when(auditDivert(CAD_1, AuditOutcome.INAPPROPRIATE))
                .thenCommandEvents(divertAudited(CAD_1, AuditOutcome.INAPPROPRIATE));
    }

    @Test
    void theIncidentTheUnitWentToCarriesNoTag() {
        room.at(london("2018-06-01T09:00")).when(auditDivert(CAD_2, AuditOutcome.APPROPRIATE))
                .thenRejected(Reason.INVALID_STATE);
    }

    /** The contract: RequestUrgentReview "QART reviews this divert first"; the incident must carry a DIVERT tag. */
    @Test
    void anInspectorAsksQartToReviewADivertFirst() {
        room.at(london("2018-06-01T00:10")).when(requestUrgentReview(CAD_1))
                .thenCommandEvents(event("UrgentReviewRequested", "incidentId", CAD_1, "to", Role.QA_REVIEWER,
                        "notifies", Recipient.role(Role.QA_REVIEWER)));
    }

    @Test
    void aDutyOfficerMayAskForAnUrgentReviewToo() {
        room.at(london("2018-06-01T00:10")).when(requestUrgentReview(CAD_1).by(dutyOfficer())).thenAccepted();
    }

    @Test
    void anUrgentReviewNeedsADivertTag() {
        room.at(london("2018-06-01T00:10")).when(requestUrgentReview(CAD_2)).thenRejected(Reason.INVALID_STATE);
    }
}
