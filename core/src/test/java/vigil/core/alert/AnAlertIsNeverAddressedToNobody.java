package vigil.core.alert;

import static vigil.core.Grade.I;
import static vigil.core.Grade.S;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.recordCall;
import static vigil.core.story.Acts.removeStaff;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.CONTROLLER;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.callHandler;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.ControlRoom.minute;
import static vigil.core.story.Expected.event;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vigil.core.Command;
import vigil.core.Recipient;
import vigil.core.Role;
import vigil.core.story.ControlRoom;
import vigil.core.story.SchemeActs;

/**
 * Audit 9, finding 1: an alert names a role in the incident's BCU (or one member of staff). When nobody on the roster
 * holds that role there (a BCU's only controller taken off the roster, a force-wide duty officer, a BCU typed as
 * {@code se}) or the member named is not on it, nobody was told: the divert review, its escalation and every countdown
 * of the call went to no one. The alert must name someone who is there: the role force-wide, as a last resort.
 */
class AnAlertIsNeverAddressedToNobody {
    private final ControlRoom room = controlRoom();

    @Test
    void aCallOfABcuWithNoDespatcherIsToldToEveryDespatcher() {
        room.at(minute(0)).given(recordCall("call-X"));
        room.given(new Command.CreateIncident(callHandler(), CAD_1, "call-X", I, null, null, "se"));

        room.whenTimePasses(Duration.ofMinutes(20))
                .thenHistoryIncludes(event("IncidentUnresourced", "incidentId", CAD_1,
                        "notifies", Recipient.role(Role.DESPATCHER)))
                .thenHistoryIncludes(event("AttendanceBreached", "incidentId", CAD_1,
                        "notifies", Recipient.role(Role.CONTROLLER)));
    }

    @Test
    void aDivertWhenTheBcusOnlyControllerHasGoneIsReviewedByAnyController() {
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).given(removeStaff(CONTROLLER.id()));

        room.at(minute(3)).when(divert(U1).to(CAD_2))
                .thenHistoryIncludes(event("DivertReviewRequested", "incidentId", CAD_1,
                        "notifies", Recipient.role(Role.CONTROLLER)));
    }

    @Test
    void anOverdueReviewGoesToTheForceWideDutyOfficerWhenTheBcuHasNone() {
        // The stories' duty officer has no BCU, as the MetCC Despatch Duty Officer has none: "in SE" named nobody.
        room.at(minute(0)).givenIncident(CAD_1, S).assignedTo(U1);
        room.at(minute(1)).givenIncident(CAD_2, I);
        room.at(minute(2)).when(divert(U1).to(CAD_2));

        room.whenTimePasses(Duration.ofMinutes(10))
                .thenHistoryIncludes(event("DivertReviewOverdue", "incidentId", CAD_1,
                        "notifies", Recipient.role(Role.DUTY_OFFICER)));
    }

    @Test
    void aBcuThatHasTheRoleKeepsItsAlertsToItself() {
        room.at(minute(0)).givenIncident(CAD_1, I);

        room.whenTimePasses(Duration.ofMinutes(5))
                .thenHistoryIncludes(event("IncidentUnresourced", "incidentId", CAD_1,
                        "notifies", Recipient.role(Role.DESPATCHER, "SE")));
    }

    @Test
    void aSchemeWhoseOicIsNotOnTheRosterTellsTheOicsOfItsBcu() {
        room.at(minute(0)).givenActive(SchemeActs.form("SS-1").withOic("ghost"));

        room.whenTimePasses(Duration.ofDays(8))
                .thenHistoryIncludes(event("VictimContactOverdue", "schemeId", "SS-1",
                        "notifies", Recipient.role(Role.OIC, "SE")));
    }

    @Test
    void aSchemeWhoseOicIsOnTheRosterTellsThatOic() {
        room.at(minute(0)).givenActive(SchemeActs.form("SS-1"));

        room.whenTimePasses(Duration.ofDays(8))
                .thenHistoryIncludes(event("VictimContactOverdue", "schemeId", "SS-1",
                        "notifies", Recipient.staff("oic1")));
    }
}
