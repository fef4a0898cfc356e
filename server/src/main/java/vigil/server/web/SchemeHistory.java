package vigil.server.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.server.log.LoggedEvent;

/**
 * A scheme's history as its page shows it, read from the log (docs/adr/105): each event in words, and the contact
 * attempts (method, outcome, what was explained, note) on their own. Never the victim details: the form's event is
 * shown as "Form 4564 submitted", whoever reads it (the details are on the page only for the roles that may see them).
 */
final class SchemeHistory {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event: when, in words, who (or the clock). */
    record Entry(long seq, Instant at, String type, String what, String by) {}

    /** One contact attempt, as recorded. */
    record Contact(long seq, Instant at, String by, String method, String outcome, boolean contacted,
                   List<String> explained, String note, boolean sinceReview) {}

    record Read(List<Entry> entries, List<Contact> contacts, int attemptsSinceReview, boolean underReview) {}

    private SchemeHistory() {}

    static Read of(List<LoggedEvent> events) {
        List<Entry> entries = new ArrayList<>(events.size());
        List<JsonNode> contactLines = new ArrayList<>();
        long reviewSentAt = -1;
        for (LoggedEvent le : events) {
            JsonNode e = JSON.readTree(le.line());
            String by = e.path("by").asString("");
            entries.add(new Entry(le.seq(), Instant.parse(e.path("at").asString()), le.type(), what(e),
                    by.isEmpty() ? "the clock" : by));
            switch (le.type()) {
                case "VictimContactRecorded" -> contactLines.add(e);
                // A decision ends the review; the next cycle's review starts with its own first-stage notice.
                case "FirstStageReviewSent" -> reviewSentAt = le.seq();
                case "SchemeExtended", "SchemeWithdrawn" -> reviewSentAt = -1;
                default -> { }
            }
        }
        List<Contact> contacts = new ArrayList<>(contactLines.size());
        int since = 0;
        for (JsonNode e : contactLines) {
            boolean after = reviewSentAt >= 0 && e.path("seq").asLong() > reviewSentAt;
            since += after ? 1 : 0;
            List<String> explained = new ArrayList<>();
            e.path("explained").forEach(x -> explained.add(explainedWord(x.asString())));
            String outcome = e.path("outcome").asString();
            contacts.add(new Contact(e.path("seq").asLong(), Instant.parse(e.path("at").asString()),
                    e.path("by").asString(""), e.path("method").asString(""), outcomeWord(outcome),
                    outcome.equals("CONTACTED"), explained, e.path("note").asString(""), after));
        }
        return new Read(entries, contacts.reversed(), since, reviewSentAt >= 0);
    }

    static String outcomeWord(String outcome) {
        return switch (outcome) {
            case "CONTACTED" -> "Contacted";
            case "NO_ANSWER" -> "No answer";
            case "MESSAGE_LEFT" -> "Message left";
            case "UNSAFE" -> "Not safe to contact";
            case "OTHER" -> "Other";
            default -> outcome;
        };
    }

    static String explainedWord(String what) {
        return switch (what) {
            case "SCHEME" -> "what a special scheme is";
            case "DURATION" -> "how long it lasts";
            case "WITHDRAWAL" -> "that it is being withdrawn";
            case "EXTENSION" -> "that it is being extended";
            default -> what;
        };
    }

    /** A scheme event in the words of the people who work it. */
    static String what(JsonNode e) {
        return switch (e.path("type").asString()) {
            case "SchemeRequested" -> "Form 4564 submitted";
            case "SchemeRejected" -> "Rejected by the RTRD" + text(e, "reason", ": ");
            case "SchemeActivated" -> "Activated: on CAD until " + e.path("maxUntil").asString("").substring(0, 10)
                    + " unless extended";
            case "VictimContactRecorded" -> "Contact attempt (" + e.path("method").asString("") + "): "
                    + outcomeWord(e.path("outcome").asString()).toLowerCase(Locale.ROOT) + text(e, "note", ". ");
            case "VictimContactOverdue" -> "OVERDUE: the victim has not been told of the scheme within the week";
            case "FirstStageReviewSent" -> "First-stage review sent to the OIC " + e.path("to").asString("");
            case "SecondStageReviewSent" -> "Second-stage review: escalated to the crime manager "
                    + e.path("to").asString("");
            case "SchemeExtended" -> "Extended until " + e.path("maxUntil").asString("").substring(0, 10)
                    + text(e, "note", ": ");
            case "SchemeWithdrawn" -> "Withdrawn" + (e.path("victimInformed").asBoolean(false)
                    ? " (the victim was told)" : " (the victim was NOT told)") + text(e, "note", ": ");
            case "SchemeReviewOverdue" -> "Past its end with no decision: the scheme stays on";
            case "SchemeMatched" -> "Call " + e.path("callId").asString("") + " matched on its "
                    + (e.path("matchedOn").asString("").equals("CLI") ? "number (CLI)" : "address")
                    + ": grade " + e.path("requiredGrade").asString("") + " required";
            case "PreviousSchemeFound" -> "Call " + e.path("callId").asString("") + " matched it after withdrawal";
            case "GradeBelowScheme" -> "Incident " + e.path("incidentId").asString("")
                    + " graded below the scheme's grade";
            default -> e.path("type").asString();
        };
    }

    private static String text(JsonNode e, String field, String before) {
        String v = e.path(field).asString("");
        return v.isEmpty() ? "" : before + v;
    }
}
