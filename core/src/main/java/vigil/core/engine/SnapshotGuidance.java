package vigil.core.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vigil.core.Role;

/**
 * The guidance part of a snapshot: each guidance in the order it was published (what it says, whom it is for), who
 * confirmed it and when, in the order they did, and its pending reminder. Its reminder deadline is in the deadlines.
 */
final class SnapshotGuidance {
    private SnapshotGuidance() {}

    static void write(SnapshotWriter w, Room room) throws IOException {
        w.integer(room.guidance.size());
        for (GuidanceState g : room.guidance.values()) {
            w.string(g.id);
            w.string(g.title);
            w.string(g.text);
            w.integer(g.roles.size());
            for (Role r : g.roles) {
                w.enumeration(r);
            }
            w.instant(g.publishedAt);
            w.integer(g.confirmed.size());
            for (Map.Entry<String, java.time.Instant> c : g.confirmed.entrySet()) {
                w.string(c.getKey());
                w.instant(c.getValue());
            }
            w.longInteger(g.reminderToken);
            w.instant(g.reminderDueAt);
        }
    }

    static void read(SnapshotReader r, Room room) throws IOException {
        int n = r.count();
        for (int k = 0; k < n; k++) {
            String id = r.string();
            String title = r.string();
            String text = r.string();
            int roleCount = r.count();
            List<Role> roles = new ArrayList<>(roleCount);
            for (int j = 0; j < roleCount; j++) {
                roles.add(r.enumeration(Role.class));
            }
            GuidanceState g = new GuidanceState(id, title, text, roles, r.instant());
            int confirmations = r.count();
            for (int j = 0; j < confirmations; j++) {
                g.confirmed.put(r.string(), r.instant());
            }
            g.reminderToken = r.longInteger();
            g.reminderDueAt = r.instant();
            room.guidance.put(g.id, g);
        }
    }
}
