package vigil.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import vigil.core.Grade;
import vigil.core.Policy;

/**
 * How the pages say things: grades, alerts and times in the control room's words (GLOSSARY.md), times in the policy's
 * zone. Templates call it as {@code @words}.
 */
@Component("words")
class Words {
    private final Policy policy;
    private final ZoneId zone;
    private final DateTimeFormatter clock;
    private final DateTimeFormatter dayClock;

    Words(Policy policy) {
        this.policy = policy;
        this.zone = policy.zone();
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK).withZone(zone);
        this.dayClock = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.UK).withZone(zone);
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * A grade as the grading forms offer it, with the force's own target (the policy's, not the Metropolitan default):
     * {@code S, Significant (60 min)}, {@code R, Referred (no attendance)}.
     */
    public String gradeChoice(String grade) {
        Grade g = Grade.valueOf(grade);
        String target = policy.targetFor(g).map(ReportView::duration)
                .orElse(g == Grade.R ? "no attendance" : "no target");
        return g.name() + ", " + grade(g) + " (" + target + ")";
    }

    public static String grade(Grade g) {
        return switch (g) {
            case I -> "Immediate";
            case S -> "Significant";
            case E -> "Extended";
            case R -> "Referred";
        };
    }

    public String time(Instant at) {
        return at == null ? "" : clock.format(at);
    }

    public String dayTime(Instant at) {
        return at == null ? "" : dayClock.format(at);
    }

    /** {@code mm:ss}, or {@code h:mm:ss} from an hour; {@code +} once past. What the browser's countdown writes too. */
    public static String countdown(Duration left) {
        long s = Math.abs(left.toSeconds());
        String sign = left.isNegative() ? "+" : "";
        return s >= 3600 ? String.format(Locale.ROOT, "%s%d:%02d:%02d", sign, s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%s%02d:%02d", sign, s / 60, s % 60);
    }

    /** An alert's type (the engine's event name) as the person it is for would say it. */
    public static String alert(String type) {
        return switch (type) {
            case "IncidentUnresourced" -> "Unresourced: no unit";
            case "AttendanceWarning" -> "Attendance warning";
            case "AttendanceBreached" -> "Attendance target breached";
            case "AssignmentUnacknowledged" -> "Assignment not acknowledged";
            case "DivertReviewRequested" -> "Divert to review";
            case "DivertReviewOverdue" -> "Divert review overdue";
            case "OverrideChallenged" -> "Override challenged";
            case "ReallocationRequested" -> "Reallocation needed: task a unit";
            case "ReallocationTasked" -> "Reallocation tasked: send a unit";
            case "GradeBelowScheme" -> "Graded below its special scheme";
            case "VictimContactOverdue" -> "Victim not yet told of the scheme";
            case "FirstStageReviewSent" -> "Scheme review due";
            case "SecondStageReviewSent" -> "Scheme review escalated";
            case "SchemeReviewOverdue" -> "Scheme past its end without a decision";
            default -> type;
        };
    }
}
