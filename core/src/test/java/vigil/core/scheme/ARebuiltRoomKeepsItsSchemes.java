package vigil.core.scheme;

import static vigil.core.story.ControlRoom.controlRoom;
import static org.assertj.core.api.Assertions.assertThat;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.ControlRoom.ROSTER;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.contact;
import static vigil.core.story.SchemeActs.createIncident;
import static vigil.core.story.SchemeActs.extend;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.ControlRoom.london;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.core.story.ControlRoom;

/**
 * The event log is the record: an engine rebuilt from it holds the same schemes, review cycles and caller history,
 * so the next calls and deadlines come out exactly as they would have from the original.
 */
class ARebuiltRoomKeepsItsSchemes {
    static final Instant OPENING = london("2025-01-06T10:00");

    @Test
    void theNextCallsAndDeadlinesComeOutTheSame() {
        ControlRoom room = controlRoom().openingAt(OPENING)
                .givenActive(form("S1"))
                .givenActive(form("S2").withClis("07700 900777").withAddress("7 Second Street, London SE5 9ZZ"))
                .at(london("2025-01-07T10:00")).given(victimToldOfScheme("S1"))
                .at(london("2025-03-01T22:00")).given(call("C1", "07700900123", null),
                        createIncident("INC-1", "C1", Grade.S, true))
                .whenClockReaches(london("2025-06-08T10:00"))
                .at(london("2025-06-09T10:00")).given(contact("S1", ContactOutcome.NO_ANSWER), extend("S1", OIC),
                        contact("S2", ContactOutcome.CONTACTED, Explained.WITHDRAWAL), withdraw("S2", OIC));
        List<Recorded> log = room.history();
        Engine rebuilt = Engine.rebuild(Policy.metropolitan(), ROSTER, OPENING, log);

        assertThat(rebuilt.queries().describe()).isEqualTo(room.engine().queries().describe());

        Instant next = london("2025-06-20T10:00");
        List<Command> calls = List.of(callFrom("C2", "+447700900123"), callFrom("C3", "07700 900777"),
                call("C4", null, "7 second street london se59zz"));
        long step = 1000;
        for (Command c : calls) {
            List<Recorded> original = room.engine().submit(step, c, next);
            List<Recorded> again = rebuilt.submit(step, c, next);
            assertThat(again).isEqualTo(original).isNotEmpty();
            step++;
        }
        assertThat(rebuilt.advanceTo(london("2026-02-01T10:00")))
                .isEqualTo(room.engine().advanceTo(london("2026-02-01T10:00")))
                .isNotEmpty();
    }
}
