package vigil.sim.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vigil.core.Command.AuditOutcome;
import vigil.core.Command.ChallengeDecision;
import vigil.core.Command.SchemeDecision;
import vigil.core.Grade;

/**
 * The standard reports over one period, as contracts/report.md lays them out, evaluated at the end of the period
 * ({@code to}). Numbers are already rounded as the contract says: minutes to one decimal place, rates to four,
 * half away from zero. Optional values are {@code null}.
 */
public record Report(Instant from, Instant to, Filter filter, ResponseTimes responseTimes,
                     List<DelayedAttendance> delayedAttendance, List<Divert> diverts, List<Scheme> schemes,
                     Demand demand) {
    public Report {
        delayedAttendance = List.copyOf(delayedAttendance);
        diverts = List.copyOf(diverts);
        schemes = List.copyOf(schemes);
    }

    /** The five reports, each of which can be asked for alone. */
    public enum Part {
        RESPONSE_TIMES("responseTimes"), DELAYED_ATTENDANCE("delayedAttendance"), DIVERTS("diverts"),
        SCHEMES("schemes"), DEMAND("demand");

        /** Its name in the JSON, and in the server's paths. */
        public final String key;

        Part(String key) {
            this.key = key;
        }
    }

    /** Compliance per grade (I, S, E, R order), and per BCU (sorted) and grade; only those with an incident. */
    public record ResponseTimes(Map<Grade, Compliance> byGrade, Map<String, Map<Grade, Compliance>> byBcu) {}

    /**
     * One grade's figures. {@code withinTargetRate} is withinTarget ÷ (withinTarget + breached), null when both
     * are 0; an R incident counts in {@code incidents} and {@code attended} only.
     */
    public record Compliance(long incidents, long attended, long withinTarget, long breached, long closedUnattended,
                             BigDecimal withinTargetRate, ResponseMinutes responseMinutes) {}

    /** Creation to first attendance over attended incidents, by nearest rank; all null when none was attended. */
    public record ResponseMinutes(BigDecimal p50, BigDecimal p90, BigDecimal max) {}

    /** A breached incident: {@code lateByMinutes} to attendance, to closing, or to the end of the period. */
    public record DelayedAttendance(String incidentId, Grade grade, Instant targetAt, Instant attendedAt,
                                    BigDecimal lateByMinutes, boolean divertTagged) {}

    /** How a controller reviewed a divert. */
    public enum Review { APPROVED, OVERRIDDEN }

    /** One divert (a row of the DIVERT tag list) and what the protocol made of it by the end of the period. */
    public record Divert(String incidentId, String unitId, String toIncidentId, Instant at, Review review,
                         Instant reviewedAt, boolean reviewOverdue, ChallengeDecision challenge, Instant reallocatedAt,
                         Instant originalAttendedAt, boolean originalBreached, AuditOutcome audit,
                         boolean urgentReview) {}

    /** One activated scheme and how its handling stood at the end of the period. */
    public record Scheme(String schemeId, Instant activatedAt, Instant victimInformedAt, Boolean victimInformedInTime,
                         long contactAttempts, Instant firstStageAt, Instant secondStageAt, SchemeDecision decision,
                         Instant decidedAt, Boolean victimInformedOfDecision, boolean reviewOverdue) {}

    /**
     * Calls recorded in the period by local hour (24 counts, hour 0 first), the totals, and (beyond the contract)
     * calls by local weekday and hour: seven rows of 24, Monday first.
     */
    public record Demand(List<Long> callsByHour, long calls, long incidents, List<List<Long>> callsByWeekdayHour) {
        public Demand {
            callsByHour = List.copyOf(callsByHour);
            callsByWeekdayHour = callsByWeekdayHour.stream().map(List::copyOf).toList();
        }
    }
}
