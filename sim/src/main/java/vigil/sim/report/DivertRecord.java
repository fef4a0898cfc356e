package vigil.sim.report;

import static vigil.sim.report.Nanos.NONE;

import java.util.ArrayList;
import java.util.List;
import vigil.core.Command.AuditOutcome;
import vigil.core.Command.ChallengeDecision;

/**
 * One divert and each step the protocol took on it, with its instant, so a report can say where it stood at any end
 * of period. Which divert a protocol event belongs to is decided as the engine decides it (the oldest unreviewed one
 * of the unit, the latest unchallenged override, the oldest open challenge), from the events fed so far.
 */
final class DivertRecord {
    final String incidentId;
    /** The original incident's row in the {@link IncidentLedger}. */
    final int originalRow;
    final String unitId;
    final String toIncidentId;
    final long at;
    Report.Review review;
    long reviewedAt = NONE;
    long overdueAt = NONE;
    boolean challenged;
    ChallengeDecision challenge;
    long challengeResolvedAt = NONE;
    long reallocatedAt = NONE;
    long urgentReviewAt = NONE;
    /** QA outcomes in the order recorded (a later audit supersedes an earlier one); null until the first. */
    private List<Audit> audits;

    private record Audit(long at, AuditOutcome outcome) {}

    /** Still in the list of diverts from its incident's id (until the id names a new incident). */
    boolean current = true;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** Everything about it but its identity, as saved ({@link Rows.Divert#data}). */
    String data() {
        tools.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        o.put("unitId", unitId).put("toIncidentId", toIncidentId)
                .put("review", review == null ? null : review.name()).put("reviewedAt", reviewedAt)
                .put("overdueAt", overdueAt).put("challenged", challenged)
                .put("challenge", challenge == null ? null : challenge.name())
                .put("challengeResolvedAt", challengeResolvedAt).put("reallocatedAt", reallocatedAt)
                .put("urgentReviewAt", urgentReviewAt).put("current", current);
        tools.jackson.databind.node.ArrayNode a = o.putArray("audits");
        if (audits != null) {
            audits.forEach(x -> a.addArray().add(x.at()).add(x.outcome().name()));
        }
        return JSON.writeValueAsString(o);
    }

    static DivertRecord of(Rows.Divert row, int originalRow) {
        tools.jackson.databind.JsonNode o = JSON.readTree(row.data());
        DivertRecord d = new DivertRecord(row.incidentId(), originalRow, o.get("unitId").asString(),
                o.get("toIncidentId").isNull() ? null : o.get("toIncidentId").asString(), row.at());
        d.review = o.get("review").isNull() ? null : Report.Review.valueOf(o.get("review").asString());
        d.reviewedAt = o.get("reviewedAt").asLong();
        d.overdueAt = o.get("overdueAt").asLong();
        d.challenged = o.get("challenged").asBoolean();
        d.challenge = o.get("challenge").isNull() ? null : ChallengeDecision.valueOf(o.get("challenge").asString());
        d.challengeResolvedAt = o.get("challengeResolvedAt").asLong();
        d.reallocatedAt = o.get("reallocatedAt").asLong();
        d.urgentReviewAt = o.get("urgentReviewAt").asLong();
        d.current = o.get("current").asBoolean();
        for (tools.jackson.databind.JsonNode x : o.get("audits")) {
            d.audited(x.get(0).asLong(), AuditOutcome.valueOf(x.get(1).asString()));
        }
        return d;
    }

    DivertRecord(String incidentId, int originalRow, String unitId, String toIncidentId, long at) {
        this.incidentId = incidentId;
        this.originalRow = originalRow;
        this.unitId = unitId;
        this.toIncidentId = toIncidentId;
        this.at = at;
    }

    boolean of(String unit) {
        return unit == null || unitId.equals(unit);
    }

    void audited(long when, AuditOutcome outcome) {
        if (audits == null) {
            audits = new ArrayList<>(1);
        }
        audits.add(new Audit(when, outcome));
    }

    /** The latest QA outcome recorded at or before {@code to}, or null. */
    AuditOutcome auditAsOf(long to) {
        AuditOutcome outcome = null;
        if (audits != null) {
            for (Audit a : audits) {
                if (a.at() <= to) {
                    outcome = a.outcome();
                }
            }
        }
        return outcome;
    }

    Report.Divert asOf(long to, Standing original) {
        boolean reviewed = Nanos.byThen(reviewedAt, to);
        boolean resolved = Nanos.byThen(challengeResolvedAt, to);
        return new Report.Divert(incidentId, unitId, toIncidentId, Nanos.instant(at), reviewed ? review : null,
                reviewed ? Nanos.instant(reviewedAt) : null, Nanos.byThen(overdueAt, to), resolved ? challenge : null,
                Nanos.instant(Nanos.asOf(reallocatedAt, to)), Nanos.instant(original.attendedAt()),
                original.breached(), auditAsOf(to), Nanos.byThen(urgentReviewAt, to));
    }
}
