package vigil.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.london;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.Role;
import vigil.core.engine.Queries.AlertView;
import vigil.core.story.ControlRoom;

/**
 * What needs someone now: an alert the engine raised stays among the open alerts, addressed as it was, until what it
 * asks for is done. The 2018 night again: the divert asks the controller, the bare original asks the despatcher, an
 * approval asks the inspector for another unit, and each request goes once it is met.
 */
class AnAlertStaysOpenUntilSomeoneAnswersIt {
    private final ControlRoom room = controlRoom();

    @BeforeEach
    void theSignificantCallLosesItsUnitToAKnifeCall() {
        room.at(london("2018-05-31T23:55")).givenIncident(CAD_1, S);
        room.at(london("2018-05-31T23:58")).given(assign(U1).to(CAD_1));
        room.at(london("2018-05-31T23:58:30")).given(unit(U1).acknowledges(CAD_1));
        room.at(london("2018-06-01T00:03:30")).givenIncident(CAD_2, I);
        room.at(london("2018-06-01T00:04")).when(divert(U1).to(CAD_2));
        room.at(london("2018-06-01T00:04:20")).when(unit(U1).acknowledges(CAD_2));
    }

    @Test
    void theDivertWaitsForTheControllerAndTheBareOriginalForTheDespatcher() {
        assertThat(open()).containsExactly("DivertReviewRequested CAD-1 U1 CONTROLLER");

        room.whenClockReaches(london("2018-06-01T00:14:30"));

        assertThat(open()).containsExactlyInAnyOrder("DivertReviewRequested CAD-1 U1 CONTROLLER",
                "DivertReviewOverdue CAD-1 U1 DUTY_OFFICER", "IncidentUnresourced CAD-1 - DESPATCHER");
    }

    @Test
    void anApprovalClosesTheReviewAndAsksTheInspectorUntilAUnitIsSent() {
        room.at(london("2018-06-01T00:05")).when(reviewDivertFrom(CAD_1).approve());

        assertThat(open()).containsExactly("ReallocationRequested CAD-1 - INSPECTOR");

        room.at(london("2018-06-01T00:06")).when(assign(U2).to(CAD_1));

        assertThat(open()).isEmpty();
    }

    @Test
    void anUnacknowledgedAssignmentWaitsUntilTheUnitAnswersAndTheCountdownUntilItArrives() {
        room.at(london("2018-06-01T00:05")).when(reviewDivertFrom(CAD_1).approve());
        room.at(london("2018-06-01T00:06")).when(assign(U2).to(CAD_1));
        room.at(london("2018-06-01T00:08")).when(unit(U1).arrivesAt(CAD_2));
        room.whenClockReaches(london("2018-06-01T00:45:30"));

        assertThat(open()).containsExactly("AttendanceWarning CAD-1 - DESPATCHER",
                "AssignmentUnacknowledged CAD-1 U2 DESPATCHER");

        room.at(london("2018-06-01T00:46")).when(unit(U2).acknowledges(CAD_1));
        assertThat(open()).containsExactly("AttendanceWarning CAD-1 - DESPATCHER");

        room.at(london("2018-06-01T00:50")).when(unit(U2).arrivesAt(CAD_1));
        assertThat(open()).isEmpty();
    }

    /** Each open alert as "type incident unit role-or-staff". */
    private List<String> open() {
        return room.queries().openAlerts().stream().map(AnAlertStaysOpenUntilSomeoneAnswersIt::line).toList();
    }

    private static String line(AlertView a) {
        Role role = a.notifies().role();
        return a.type() + " " + a.incidentId() + " " + (a.unitId() == null ? "-" : a.unitId()) + " "
                + (role == null ? a.notifies().staffId() : role.name());
    }
}
