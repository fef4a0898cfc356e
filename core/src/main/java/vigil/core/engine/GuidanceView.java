package vigil.core.engine;

import java.time.Instant;
import java.util.List;
import vigil.core.Role;

/**
 * Guidance as it stands: whom it is for ({@code roles}), who has confirmed it and when (in the order they did), and who
 * on the roster now holds one of its roles and has not (in roster order).
 */
public record GuidanceView(String id, String title, String text, List<Role> roles, Instant publishedAt,
                           List<Confirmation> confirmed, List<String> unconfirmed) {

    public record Confirmation(String staffId, Instant at) {}

    static List<GuidanceView> all(Room room) {
        return room.guidance.values().stream().map(g -> new GuidanceView(g.id, g.title, g.text, g.roles,
                g.publishedAt, g.confirmed.entrySet().stream().map(e -> new Confirmation(e.getKey(), e.getValue()))
                .toList(), List.copyOf(g.unconfirmed(room.staff.values())))).toList();
    }
}
