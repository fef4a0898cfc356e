package vigil.core.record;

import static vigil.core.Grade.E;
import static vigil.core.Grade.R;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.createIncident;
import static vigil.core.story.Acts.recordCall;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.Expected.event;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.core.story.ControlRoom;

/**
 * A room that bounds its live state forgets a closed incident after retainClosedFor, and its id may then name a new
 * incident. The new incident starts clean: the countdowns armed for the old one must not sound against it.
 */
class ForgottenIncidentsLeaveNoAlarmsBehind {
    private final ControlRoom room = controlRoom()
            .withPolicy(Policy.metropolitan().withRetainClosedFor(Span.of(Duration.ofHours(1))));

    private void anExtendedIncidentClosedAndForgottenThenItsIdReused(vigil.core.Grade newGrade) {
        room.at(minute(0)).givenIncident(CAD_1, E);
        room.at(minute(1)).given(close(CAD_1));
        room.at(minute(150)).given(recordCall("C2"), createIncident(CAD_1, "C2", newGrade));
    }

    @Test
    void aReferredIncidentUnderAReusedIdHasNoCountdownToSound() {
        anExtendedIncidentClosedAndForgottenThenItsIdReused(R);

        room.whenTimePasses(Duration.ofDays(3))
                .thenHistoryHasNo(event("AttendanceWarning"))
                .thenHistoryHasNo(event("AttendanceBreached"))
                .thenHistoryHasNo(event("IncidentUnresourced"));
    }

    @Test
    void aSignificantIncidentUnderAReusedIdIsWarnedAgainstItsOwnTargetOnly() {
        anExtendedIncidentClosedAndForgottenThenItsIdReused(S);

        room.whenTimePasses(Duration.ofDays(3))
                .thenHistoryIncludes(incidentUnresourced(CAD_1).at(minute(160)),
                        attendanceWarning(CAD_1, minute(210)).at(minute(195)))
                .thenHistoryHasNo(attendanceWarning(CAD_1, minute(0).plus(Duration.ofHours(48))))
                .thenHistoryHasNo(incidentUnresourced(CAD_1).at(minute(240)));
    }
}
