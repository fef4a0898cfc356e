package vigil.core.engine;

import vigil.core.Command.UnitStatus;
import vigil.core.Location;

/** Live state of one unit. A unit is committed to at most one incident. */
final class UnitState {
    final String id;
    final String callSign;
    final String bcu;
    /** Where the unit is believed to be: its start, then each scene it attended. */
    Location location;
    UnitStatus status = UnitStatus.AVAILABLE;
    String committedTo;
    /** Counts this unit's assignments, so an acknowledgement deadline belongs to exactly one of them. */
    long assignment;
    boolean acknowledged;
    boolean atScene;
    boolean unacknowledgedAlerted;
    /** Off the roster for good; its id stays taken. */
    boolean retired;

    UnitState(String id, String callSign, String bcu, Location location) {
        this.id = id;
        this.callSign = callSign;
        this.bcu = bcu;
        this.location = location;
    }

    boolean committed() {
        return committedTo != null;
    }

    /** Free to be assigned: on the roster, not committed and not stood down. */
    boolean free() {
        return !retired && !committed() && status == UnitStatus.AVAILABLE;
    }
}
