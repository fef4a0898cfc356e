package vigil.server.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An incident's events as its page lists them: when, what in words, who (or "deadline" when the clock raised it). */
final class Timeline {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Entry(long seq, Instant at, String type, String what, String by) {}

    private Timeline() {}

    static List<Entry> of(List<String> lines) {
        List<Entry> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            String by = e.path("by").asString("");
            out.add(new Entry(e.path("seq").asLong(), Instant.parse(e.path("at").asString()), e.path("type").asString(),
                    what(e), by.isEmpty() ? "deadline (the clock)" : by));
        }
        return out;
    }

    /** An event in the control room's words. */
    static String what(JsonNode e) {
        String incident = e.path("incidentId").asString("");
        String unit = e.path("unitId").asString("");
        return switch (e.path("type").asString()) {
            case "IncidentCreated" -> "Created, grade " + e.path("grade").asString()
                    + text(e, "incidentType", ": ") + (e.path("domestic").asBoolean(false) ? " (domestic)" : "")
                    + " from call " + e.path("callId").asString();
            case "CallLinked" -> "Call " + e.path("callId").asString() + " linked";
            case "IncidentRegraded" -> "Regraded " + e.path("grade").asString() + text(e, "reason", ": ");
            case "UnitAssigned" -> unit + " assigned";
            case "AssignmentAcknowledged" -> unit + " acknowledged the assignment";
            case "AssignmentUnacknowledged" -> unit + " has NOT acknowledged the assignment";
            case "UnitArrived" -> unit + " arrived at scene" + (e.path("withinTarget").asBoolean(true) ? ""
                    : " (after the target)");
            case "UnitCleared" -> unit + " cleared";
            case "IncidentClosed" -> "Closed" + text(e, "disposition", ": ");
            case "UnitDiverted" -> incident.isEmpty() && e.path("fromIncidentId").asString("").isEmpty() ? "Divert"
                    : unit + " diverted from " + e.path("fromIncidentId").asString() + " to "
                    + e.path("toIncidentId").asString() + text(e, "reason", ": ");
            case "DivertTagged" -> "DIVERT tag: it lost its unit to a divert";
            case "DivertReviewRequested" -> "Divert of " + unit + " to " + e.path("toIncidentId").asString()
                    + " awaits the controller's review";
            case "DivertReviewOverdue" -> "Divert review OVERDUE";
            case "DivertApproved" -> "Divert approved" + text(e, "note", ": ");
            case "DivertOverridden" -> "Divert overridden" + text(e, "note", ": ");
            case "ReallocationRequested" -> "Reallocation requested: the inspector must task a unit";
            case "ReallocationTasked" -> "Reallocation tasked" + text(e, "note", ": ");
            case "OverrideChallenged" -> "Override challenged" + text(e, "note", ": ");
            case "ChallengeResolved" -> "Challenge resolved: " + e.path("decision").asString()
                    + text(e, "note", ": ");
            case "DivertAudited" -> "QA audit: " + e.path("outcome").asString() + text(e, "note", ": ");
            case "UrgentReviewRequested" -> "Urgent QA review requested" + text(e, "note", ": ");
            case "IncidentUnresourced" -> "UNRESOURCED: no unit";
            case "AttendanceWarning" -> "Attendance WARNING";
            case "AttendanceBreached" -> "Attendance target BREACHED";
            case "GradeBelowScheme" -> "Graded below scheme " + e.path("schemeId").asString() + " (requires "
                    + e.path("requiredGrade").asString() + ")";
            case "CommandRejected" -> "Refused: " + e.path("command").asString() + " (" + e.path("reason").asString()
                    + ")";
            default -> e.path("type").asString();
        };
    }

    private static String text(JsonNode e, String field, String before) {
        String v = e.path(field).asString("");
        return v.isEmpty() ? "" : before + v;
    }
}
