package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.core.Role;
import vigil.core.Roster;

/**
 * Guidance as it stands: what it says, whom it is for (everyone on the roster holding one of its roles, whoever joins
 * later included), who has confirmed it and when, and its pending reminder. Changed only through
 * {@link GuidanceChanges}, from {@link Room#apply}.
 */
final class GuidanceState {
    final String id;
    final String title;
    final String text;
    final List<Role> roles;
    final Instant publishedAt;
    /** Who confirmed, when, in the order they did. */
    final Map<String, Instant> confirmed = new LinkedHashMap<>();
    /** The token of the reminder armed last, and when it is due: an older reminder fires nothing. */
    long reminderToken;
    Instant reminderDueAt;

    GuidanceState(String id, String title, String text, List<Role> roles, Instant publishedAt) {
        this.id = id;
        this.title = title;
        this.text = text;
        this.roles = List.copyOf(roles);
        this.publishedAt = publishedAt;
    }

    boolean isFor(Role role) {
        return roles.contains(role);
    }

    /** Those on {@code roster} whom this guidance is for and who have not confirmed it, in roster order. */
    List<String> unconfirmed(Collection<Roster.StaffMember> roster) {
        List<String> out = new ArrayList<>();
        for (Roster.StaffMember m : roster) {
            if (isFor(m.role()) && !confirmed.containsKey(m.id())) {
                out.add(m.id());
            }
        }
        return out;
    }

    String describe() {
        return id + " " + roles + " " + publishedAt + " " + confirmed + " " + reminderToken + " " + reminderDueAt;
    }
}
