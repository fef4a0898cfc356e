package vigil.core.refusals;

import static vigil.core.Grade.S;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.createIncident;
import static vigil.core.story.Acts.recordCall;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.core.Reason;
import vigil.core.story.ControlRoom;

/**
 * Ids are echoed as given, so one id must mean one call or one incident for the life of the record: reports, audits
 * and replays all key on it. An id used last week is still taken (DUPLICATE_ID), however quiet it has gone since.
 */
class IdsStayTakenAfterTheWorkIsDone {
    private static final Instant A_WEEK_AND_A_DAY_LATER = minute(0).plus(Duration.ofDays(8));

    private final ControlRoom room = controlRoom();

    @Test
    void aCallIdRecordedLastWeekIsStillTaken() {
        room.at(minute(0)).given(recordCall("C1"));

        room.at(A_WEEK_AND_A_DAY_LATER).when(recordCall("C1")).thenRejected(Reason.DUPLICATE_ID);
    }

    @Test
    void anIncidentIdClosedLastWeekIsStillTaken() {
        room.at(minute(0)).givenIncident(CAD_1, S);
        room.at(minute(30)).given(close(CAD_1));
        room.at(A_WEEK_AND_A_DAY_LATER).given(recordCall("C2"));

        room.when(createIncident(CAD_1, "C2", S)).thenRejected(Reason.DUPLICATE_ID);
    }

    @Test
    void anIncidentIdIsTakenTheSameDay() {
        room.at(minute(0)).givenIncident(CAD_1, S);
        room.at(minute(30)).given(close(CAD_1), recordCall("C2"));

        room.when(createIncident(CAD_1, "C2", S)).thenRejected(Reason.DUPLICATE_ID);
    }
}
