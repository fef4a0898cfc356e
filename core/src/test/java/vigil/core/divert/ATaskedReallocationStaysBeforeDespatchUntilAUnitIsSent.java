package vigil.core.divert;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.taskReallocation;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.Expected.event;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.core.Recipient;
import vigil.core.Role;
import vigil.core.story.ControlRoom;

/**
 * Audit 9, finding 5. The SOP: the inspector "will review available response units and task Despatch staff to identify
 * an available unit and assign one to the original incident". TaskReallocation answered the inspector's alert and told
 * no one in despatch. For a domestic whose unit was diverted from the scene (attended, so no unresourced alarm and no
 * countdown) nothing was left anywhere: no alert, no notice, the board saying ATTENDED with no unit. The tasking is an
 * alert to the BCU's despatchers, open until a unit is assigned to the incident or it closes.
 */
class ATaskedReallocationStaysBeforeDespatchUntilAUnitIsSent {
    private final ControlRoom room = controlRoom();

    @BeforeEach
    void theUnitAtTheSceneIsDivertedTheDivertApprovedAndTheInspectorTasksDespatch() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1).attendedBy(U1);
        room.at(minute(20)).givenIncident(CAD_2, I);
        room.at(minute(21)).given(divert(U1).to(CAD_2), reviewDivertFrom(CAD_1).approve());
    }

    private List<String> openAlertsOf(String incidentId) {
        return room.queries().openAlerts().stream().filter(a -> incidentId.equals(a.incidentId()))
                .map(a -> a.type() + " " + a.notifies()).toList();
    }

    @Test
    void theTaskingIsAnAlertToTheDespatchersOfTheBcu() {
        room.at(minute(22)).when(taskReallocation(CAD_1))
                .thenCommandEvents(event("ReallocationTasked", "incidentId", CAD_1,
                        "notifies", Recipient.role(Role.DESPATCHER, "SE")));

        assertThat(openAlertsOf(CAD_1)).containsExactly("ReallocationTasked "
                + Recipient.role(Role.DESPATCHER, "SE"));
    }

    @Test
    void aUnitAssignedAnswersIt() {
        room.at(minute(22)).given(taskReallocation(CAD_1));
        room.at(minute(25)).given(assign(U2).to(CAD_1));

        assertThat(openAlertsOf(CAD_1)).isEmpty();
    }

    @Test
    void closingTheIncidentAnswersIt() {
        room.at(minute(22)).given(taskReallocation(CAD_1));
        room.at(minute(25)).given(close(CAD_1));

        assertThat(openAlertsOf(CAD_1)).isEmpty();
    }
}
