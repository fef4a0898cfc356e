package vigil.server.staff;

import java.sql.Timestamp;
import java.time.InstantSource;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Actor;
import vigil.core.Role;

/**
 * The one place that decides who sees a scheme's victim details ({@code victimName}, {@code preferredContact}): RTRD,
 * OIC and CRIME_MANAGER (api.md), in reads, command answers, the event log and the live stream alike. For anyone else
 * they are left out of every {@code SchemeRequested} event; for those three, each answer that gives them is recorded
 * first in {@code victim_detail_read} (docs/adr/041), and if it cannot be recorded the answer fails.
 */
@Component
public class VictimDetails {
    public static final Set<Role> MAY_SEE = Set.of(Role.RTRD, Role.OIC, Role.CRIME_MANAGER);
    public static final List<String> FIELDS = List.of("victimName", "preferredContact");
    private static final String CARRIER = "SchemeRequested";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final InstantSource clock;

    VictimDetails(DataSource dataSource, InstantSource clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public static boolean maySee(Role role) {
        return MAY_SEE.contains(role);
    }

    /**
     * {@code json} (one event line in the replay format, an array of them, or an answer holding them) as {@code caller}
     * may see it, through {@code path} (what was asked, for the record). When it gives {@code caller} victim details,
     * the read is recorded before it is returned.
     */
    public String forCaller(Actor caller, String path, String json) {
        if (!json.contains(CARRIER)) {
            return json; // the cheap case, nearly every line: no scheme request in it
        }
        if (maySee(caller.role())) {
            recordRead(caller, path, schemesWithDetails(json));
            return json;
        }
        return asSeenBy(caller.role(), json);
    }

    /** {@code json} with the victim details left out unless {@code role} may see them. Records nothing. */
    public static String asSeenBy(Role role, String json) {
        if (maySee(role) || !json.contains(CARRIER)) {
            return json;
        }
        JsonNode root = JSON.readTree(json);
        return visit(root, false, new LinkedHashSet<>()) ? JSON.writeValueAsString(root) : json;
    }

    /** The ids of the schemes whose victim details {@code json} carries. */
    public static Set<String> schemesWithDetails(String json) {
        Set<String> ids = new LinkedHashSet<>();
        if (json.contains(CARRIER)) {
            visit(JSON.readTree(json), true, ids);
        }
        return ids;
    }

    /** Records that {@code caller} was given the victim details of {@code schemeIds} (nothing when there are none). */
    public void recordRead(Actor caller, String path, Collection<String> schemeIds) {
        if (schemeIds.isEmpty()) {
            return;
        }
        jdbc.sql("insert into victim_detail_read (at, staff_id, role, path, scheme_ids) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), caller.id(), caller.role().name(), path,
                        schemeIds.toArray(String[]::new)).update();
    }

    /**
     * Walks {@code node}: in each {@code SchemeRequested} event that carries victim details, notes its scheme id and,
     * unless {@code keep}, removes them. True when something was removed.
     */
    private static boolean visit(JsonNode node, boolean keep, Set<String> schemes) {
        boolean removed = false;
        if (node instanceof ObjectNode o) {
            if (o.has("type") && CARRIER.equals(o.get("type").asString())) {
                boolean carries = false;
                for (String f : FIELDS) {
                    if (o.has(f) && !o.get(f).isNull()) {
                        carries = true;
                    }
                    if (!keep && o.remove(f) != null) {
                        removed = true;
                    }
                }
                if (carries && o.has("schemeId")) {
                    schemes.add(o.get("schemeId").asString());
                }
            }
            for (JsonNode child : o) {
                removed |= visit(child, keep, schemes);
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode child : node) {
                removed |= visit(child, keep, schemes);
            }
        }
        return removed;
    }
}
