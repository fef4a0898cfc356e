package vigil.core;

import java.util.List;

/** The staff and units a control room starts with. Units start AVAILABLE. */
public record Roster(List<StaffMember> staff, List<UnitSpec> units) {
    public Roster {
        staff = List.copyOf(staff);
        units = List.copyOf(units);
    }

    public record StaffMember(String id, Role role, String bcu) {
        public Actor actor() {
            return new Actor(id, role, bcu);
        }
    }

    /** A unit on the roster: its id, call sign, BCU (optional) and where it starts (optional). */
    public record UnitSpec(String id, String callSign, String bcu, Location location) {
        public UnitSpec(String id, String callSign, Location location) {
            this(id, callSign, null, location);
        }
    }
}
