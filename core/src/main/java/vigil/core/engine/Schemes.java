package vigil.core.engine;

import java.time.Instant;
import java.util.List;
import vigil.core.Command;
import vigil.core.Recorded;
import vigil.core.Event;

/** Special schemes, scheme matching and caller history (issue #3): to come. */
final class Schemes {
    private final Room room;

    Schemes(Room room) {
        this.room = room;
    }

    void remember(CallState call, Instant at) {}

    void incidentCreated(String callId, boolean domestic) {}

    void matchCall(Decision d, CallState call) {}

    void checkGrade(Decision d, IncidentState incident) {}

    void apply(Event e, Instant at) {}

    void request(Decision d, Command.RequestScheme c) {}

    void activate(Decision d, Command.ActivateScheme c) {}

    void reject(Decision d, Command.RejectScheme c) {}

    void recordContact(Decision d, Command.RecordVictimContact c) {}

    void review(Decision d, Command.ReviewScheme c) {}

    void fire(Engine engine, Deadline d, Instant at, List<Recorded> out) {}

    String describe() {
        return "";
    }

    Room room() {
        return room;
    }
}
