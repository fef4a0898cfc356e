package vigil.core.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.controlRoom;
import static vigil.core.story.Expected.event;

import org.junit.jupiter.api.Test;
import vigil.core.Grade;

/**
 * An expectation names an event type and fields that exist, or the story does not run: "the record has no
 * AssignmentUnacknowledgd" would otherwise pass whatever the engine did.
 */
class AStoryCannotExpectWhatNoEventHas {

    @Test
    void aMisspeltEventTypeFailsWhenTheExpectationIsBuilt() {
        assertThatThrownBy(() -> event("AssignmentUnacknowledgd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no event type 'AssignmentUnacknowledgd'");
    }

    @Test
    void aMisspeltFieldFailsWhenTheExpectationIsBuilt() {
        assertThatThrownBy(() -> event("UnitAssigned", "incidentId", CAD_1, "unitID", U1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnitAssigned has no field 'unitID'");
        assertThatThrownBy(() -> event("UnitAssigned", "incidentId", CAD_1).with("unit", U1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UnitAssigned has no field 'unit'");
    }

    @Test
    void anExpectationOfAnEventThatExistsIsCheckedAgainstTheRecord() {
        ControlRoom room = controlRoom();
        room.givenIncident(CAD_1, Grade.I).assignedTo(U1);

        room.thenHistoryHasNo(event("AssignmentUnacknowledged", "incidentId", CAD_1));
        assertThatThrownBy(() -> room.thenHistoryHasNo(event("UnitAssigned", "incidentId", CAD_1, "unitId", U1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected no UnitAssigned");
        assertThat(event("AssignmentUnacknowledged", "incidentId", CAD_1, "unitId", U1, "notifies", null).fields())
                .containsOnlyKeys("incidentId", "unitId", "notifies");
    }
}
