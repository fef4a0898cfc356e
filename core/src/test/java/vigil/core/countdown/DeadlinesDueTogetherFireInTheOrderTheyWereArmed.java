package vigil.core.countdown;

import static vigil.core.Grade.S;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.ExpectedEvents.attendanceWarning;
import static vigil.core.story.ExpectedEvents.incidentUnresourced;

import org.junit.jupiter.api.Test;
import vigil.core.story.ControlRoom;

/**
 * Two calls graded in the same minute fall due in the same instant. Their alarms come in the order they were armed
 * (the order the calls were graded), not in the order of their ids.
 */
class DeadlinesDueTogetherFireInTheOrderTheyWereArmed {
    private final ControlRoom room = controlRoom();

    @Test
    void theCallGradedFirstIsFlaggedFirst() {
        room.at(minute(0)).givenIncident("CAD-B", S);
        room.at(minute(0)).givenIncident("CAD-A", S);

        room.whenClockReaches(minute(10))
                .thenEvents(incidentUnresourced("CAD-B").at(minute(10)), incidentUnresourced("CAD-A").at(minute(10)));
        room.whenClockReaches(minute(45))
                .thenEvents(attendanceWarning("CAD-B", minute(60)), attendanceWarning("CAD-A", minute(60)));
    }
}
