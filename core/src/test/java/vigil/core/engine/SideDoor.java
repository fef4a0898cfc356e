package vigil.core.engine;

import vigil.core.Event;

/**
 * A canary for {@code OnlyTheRoomsApplyChangesState}: code that changes state through the room's own change methods
 * without an event passing through {@code Room.apply}. Never used.
 */
final class SideDoor {
    private SideDoor() {}

    static void closeWithoutRecording(Room room, String incidentId) {
        new IncidentChanges(room).closed(new Event.IncidentClosed(incidentId, "quietly"), room.policy == null ? null
                : java.time.Instant.EPOCH);
    }
}
