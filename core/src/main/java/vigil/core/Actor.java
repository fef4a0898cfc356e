package vigil.core;

import java.util.Objects;

/**
 * Who gives a command: a staff id with its role (and BCU, if any), or a unit acting for itself.
 * Every command carries one; the engine decides from it whether the command is permitted.
 */
public record Actor(String id, Role role, String bcu) {
    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
    }

    public static Actor staff(String id, Role role) {
        return new Actor(id, role, null);
    }

    public static Actor unit(String unitId) {
        return new Actor(unitId, Role.UNIT, null);
    }
}
