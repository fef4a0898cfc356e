package vigil.server.notice;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.core.Event;
import vigil.core.Recipient;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.server.log.Writer;

/**
 * What the notifier must know of the room to address its notices, as it stood at the event being read: the roster (the
 * room opens with the administrator alone; {@code StaffAdded} and {@code StaffRemoved} do the rest), each scheme's OIC,
 * BCU, CRIS reference and end, who made each divert not yet reviewed, and each guidance's title. Built from the log,
 * in seq order, by the notifier alone (not thread-safe).
 */
final class Addressbook {
    /** The events that change it: the notifier reads only these from the log to build it again at start. */
    static final Set<String> TYPES = Set.of("StaffAdded", "StaffRemoved", "SchemeRequested", "SchemeActivated",
            "SchemeExtended", "UnitDiverted", "DivertApproved", "DivertOverridden", "GuidancePublished");

    record Member(String id, Role role, String bcu) {}

    /** A scheme's form as the notices need it (no victim details: notices are mailed). */
    record Scheme(String oic, String bcu, String crimeRef, Instant maxUntil) {}

    private final Map<String, Member> staff = new LinkedHashMap<>();
    private final Map<String, Scheme> schemes = new HashMap<>();
    /** Who made each divert awaiting review, by original incident and unit, oldest first. */
    private final Map<String, Deque<String>> diverters = new HashMap<>();
    private final Map<String, String> guidanceTitles = new HashMap<>();

    Addressbook() {
        staff.put(Writer.ADMINISTRATOR, new Member(Writer.ADMINISTRATOR, Role.ADMIN, null));
    }

    /** Takes in one event (after its notices were planned from the book as it stood before it). */
    void apply(Recorded r) {
        if (!TYPES.contains(r.event().type())) {
            return; // the notifier does not read the others: a case added below must be named in TYPES too
        }
        switch (r.event()) {
            case Event.StaffAdded e -> staff.put(e.staffId(), new Member(e.staffId(), e.role(), e.bcu()));
            case Event.StaffRemoved e -> staff.remove(e.staffId());
            case Event.SchemeRequested e -> schemes.put(e.schemeId(), new Scheme(e.oic(), e.bcu(), e.crimeRef(), null));
            case Event.SchemeActivated e -> ended(e.schemeId(), e.maxUntil());
            case Event.SchemeExtended e -> ended(e.schemeId(), e.maxUntil());
            case Event.UnitDiverted e -> diverters.computeIfAbsent(key(e.fromIncidentId(), e.unitId()),
                    k -> new ArrayDeque<>(1)).addLast(r.by() == null ? "" : r.by());
            case Event.DivertApproved e -> reviewed(e.incidentId(), e.unitId());
            case Event.DivertOverridden e -> reviewed(e.incidentId(), e.unitId());
            case Event.GuidancePublished e -> guidanceTitles.put(e.guidanceId(), e.title());
            default -> { }
        }
    }

    private void ended(String schemeId, Instant maxUntil) {
        Scheme s = schemes.get(schemeId);
        if (s != null) {
            schemes.put(schemeId, new Scheme(s.oic(), s.bcu(), s.crimeRef(), maxUntil));
        }
    }

    private void reviewed(String incidentId, String unitId) {
        String key = key(incidentId, unitId);
        Deque<String> made = diverters.get(key);
        if (made != null) {
            made.pollFirst();
            if (made.isEmpty()) {
                diverters.remove(key);
            }
        }
    }

    private static String key(String incidentId, String unitId) {
        return incidentId + '\u0000' + unitId;
    }

    /** Who {@code r} names, on the roster now: the member named, or every member of the role (in the BCU, if given). */
    List<String> resolve(Recipient r) {
        if (r == null) { // an event recorded before its type was an alert (ReallocationTasked, audit 9) names no one
            return List.of();
        }
        if (r.staffId() != null) {
            return staff.containsKey(r.staffId()) ? List.of(r.staffId()) : List.of();
        }
        return holding(Set.of(r.role()), r.bcu());
    }

    /**
     * As the engine addresses an alert (docs/adr/131): {@code staffId} while on the roster, else the members of
     * {@code role} in {@code bcu} while someone holds it there, else those of the whole force.
     */
    List<String> memberElseRole(String staffId, Role role, String bcu) {
        if (staffId != null && staff.containsKey(staffId)) {
            return List.of(staffId);
        }
        List<String> there = holding(Set.of(role), bcu);
        return there.isEmpty() && bcu != null ? holding(Set.of(role), null) : there;
    }

    /** Everyone on the roster holding one of {@code roles} (in {@code bcu} when it is given), in roster order. */
    List<String> holding(Set<Role> roles, String bcu) {
        List<String> out = new ArrayList<>();
        for (Member m : staff.values()) {
            if (roles.contains(m.role()) && (bcu == null || bcu.equals(m.bcu()))) {
                out.add(m.id());
            }
        }
        return out;
    }

    boolean onRoster(String staffId) {
        return staff.containsKey(staffId);
    }

    Scheme scheme(String schemeId) {
        return schemes.get(schemeId);
    }

    /** Who made the oldest divert of {@code unitId} from {@code incidentId} still awaiting review (null if unknown). */
    String diverter(String incidentId, String unitId) {
        Deque<String> made = diverters.get(key(incidentId, unitId));
        return made == null || made.isEmpty() || made.peekFirst().isEmpty() ? null : made.peekFirst();
    }

    String guidanceTitle(String guidanceId) {
        return guidanceTitles.get(guidanceId);
    }
}
