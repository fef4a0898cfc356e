package vigil.server.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.engine.Queries;

/**
 * An incident as a row of a board: its state in words (and a CSS class for its colour), its countdown, its units with
 * their acknowledgement, and where it sorts (by time left: the soonest target first, then incidents without a target,
 * then those attended). Built from the engine's views; decides nothing the engine has not.
 */
record IncidentRows() {
    /** A unit committed to an incident, as a board says it. */
    record UnitLine(String unitId, String callSign, String status, String css) {}

    /** A state badge: its words and its class. */
    record Badge(String label, String css) {
        public String cls() {
            return "badge " + css;
        }
    }

    record Row(String id, Grade grade, String gradeName, String type, String bcu, Instant createdAt, Instant targetAt,
               Instant warnAt, Instant attendedAt, String countdown, boolean overdue, Badge state, List<Badge> flags,
               List<UnitLine> units, long sortKey, boolean divertTagged, boolean reallocationRequested,
               String created) {
        /** The incident's page. */
        public String href() {
            return "/incidents/" + Paths.segment(id);
        }

        /** Where {@code live.js} fetches this row again. */
        public String src() {
            return "/board/rows/" + Paths.segment(id);
        }

        public String domId() {
            return "incident-" + id;
        }

        public String rowClass() {
            return "state-" + timeState();
        }

        public String gradeClass() {
            return "badge grade grade-" + grade;
        }

        public long targetMillis() {
            return targetAt == null ? 0 : targetAt.toEpochMilli();
        }

        public long warnMillis() {
            return warnAt == null ? 0 : warnAt.toEpochMilli();
        }

        /** The row's colour bar: breached, warning, or none. */
        public String timeState() {
            return flags.stream().anyMatch(b -> b.css().equals("breached")) ? "breached"
                    : flags.stream().anyMatch(b -> b.css().equals("warning")) ? "warning" : "ok";
        }

        public boolean counting() {
            return targetAt != null && attendedAt == null;
        }
    }

    /** Units by id, for the rows' unit lines (one read of the roster for a whole board). */
    static Map<String, Queries.UnitView> unitsById(Queries q) {
        Map<String, Queries.UnitView> out = new HashMap<>();
        for (Queries.UnitView u : q.units()) {
            out.put(u.id(), u);
        }
        return out;
    }

    static Row row(Queries.IncidentDetail d, Map<String, Queries.UnitView> units, Instant now, Policy policy,
                   Words words) {
        Queries.IncidentView i = d.view();
        List<UnitLine> lines = new ArrayList<>();
        boolean anyUnacknowledged = false;
        for (String unitId : i.committedUnits()) {
            Queries.UnitView u = units.get(unitId);
            String callSign = u == null ? "" : u.callSign();
            if (u != null && u.atScene()) {
                lines.add(new UnitLine(unitId, callSign, "at scene", "at-scene"));
            } else if (u != null && u.acknowledged()) {
                lines.add(new UnitLine(unitId, callSign, "en route, acknowledged", "en-route"));
            } else {
                anyUnacknowledged = true;
                lines.add(new UnitLine(unitId, callSign, "assigned, not acknowledged", "unacknowledged"));
            }
        }
        Badge state;
        if (i.closed()) {
            state = new Badge("Closed", "neutral");
        } else if (i.attendedAt() != null && i.committedUnits().isEmpty()) {
            // Attended once, but its units have gone (diverted, cleared): nobody is there now (audit 9).
            state = new Badge("Attended, no unit there now", i.divertTagged() ? "unresourced" : "neutral");
        } else if (i.attendedAt() != null) {
            state = new Badge("At scene", "at-scene");
        } else if (i.committedUnits().isEmpty()) {
            state = new Badge("Unresourced", "unresourced");
        } else if (anyUnacknowledged) {
            state = new Badge("Assigned, not acknowledged", "unacknowledged");
        } else {
            state = new Badge("En route", "en-route");
        }
        List<Badge> flags = new ArrayList<>();
        if (d.breached()) {
            flags.add(new Badge("Breached", "breached"));
        } else if (d.warned()) {
            flags.add(new Badge("Warning", "warning"));
        }
        if (i.divertTagged()) {
            flags.add(new Badge("Divert", "divert"));
        }
        if (i.reallocationRequested() && !i.closed()) {
            flags.add(new Badge("Reallocation requested", "unresourced"));
        }
        if (!d.schemeIds().isEmpty()) {
            flags.add(new Badge("Special scheme", "scheme"));
        }
        if (Boolean.TRUE.equals(d.domestic())) {
            flags.add(new Badge("Domestic", "domestic"));
        }
        Instant warnAt = null;
        Duration target = i.targetAt() == null ? null : Duration.between(i.createdAt(), i.targetAt());
        if (target != null) {
            warnAt = i.createdAt().plusMillis((long) (target.toMillis() * policy.warnFraction()));
        }
        boolean counting = i.targetAt() != null && i.attendedAt() == null && !i.closed();
        Duration left = counting ? Duration.between(now, i.targetAt()) : null;
        long group = i.attendedAt() != null || i.closed() ? 2 : i.targetAt() == null ? 1 : 0;
        long key = group * 10_000_000_000_000L + (group == 0 ? i.targetAt() : i.createdAt()).toEpochMilli();
        return new Row(i.id(), i.grade(), Words.grade(i.grade()), d.type(), i.bcu(), i.createdAt(), i.targetAt(),
                warnAt, i.attendedAt(), left == null ? "" : Words.countdown(left), left != null && left.isNegative(),
                state, flags, lines, key, i.divertTagged(), i.reallocationRequested(), words.time(i.createdAt()));
    }
}
