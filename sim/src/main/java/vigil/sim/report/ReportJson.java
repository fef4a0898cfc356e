package vigil.sim.report;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Grade;

/**
 * A report as the contract prints it: one JSON object, fields named and ordered as contracts/report.md shows them,
 * instants in UTC with Z, numbers exactly as rounded. Beyond the contract: {@code filter} (only when one was given),
 * and {@code demand.callsByWeekdayHour} after the contract's fields.
 */
public final class ReportJson {
    private static final ObjectWriter JSON = JsonMapper.builder().build().writer().withDefaultPrettyPrinter();

    private ReportJson() {}

    public static String text(Report r) {
        return text(r, java.util.EnumSet.allOf(Report.Part.class), null);
    }

    /**
     * Only the reports in {@code parts}, after {@code from}, {@code to} and the filter; then, when {@code extra} is
     * given, whatever it writes (the server's {@code history}) as the last fields.
     */
    public static String text(Report r, java.util.Set<Report.Part> parts, java.util.function.Consumer<JsonGenerator> extra) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("from", r.from().toString());
            g.writeStringProperty("to", r.to().toString());
            if (!r.filter().none()) {
                g.writeName("filter");
                g.writeStartObject();
                strings(g, "bcu", r.filter().bcus().stream().toList());
                strings(g, "grade", r.filter().grades().stream().map(Grade::name).toList());
                g.writeEndObject();
            }
            if (parts.contains(Report.Part.RESPONSE_TIMES)) {
            g.writeName("responseTimes");
            g.writeStartObject();
            g.writeName("byGrade");
            grades(g, r.responseTimes().byGrade());
            g.writeName("byBcu");
            g.writeStartObject();
            for (Map.Entry<String, Map<Grade, Report.Compliance>> b : r.responseTimes().byBcu().entrySet()) {
                g.writeName(b.getKey());
                grades(g, b.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            }

            if (parts.contains(Report.Part.DELAYED_ATTENDANCE)) {
            g.writeName("delayedAttendance");
            g.writeStartArray();
            for (Report.DelayedAttendance d : r.delayedAttendance()) {
                g.writeStartObject();
                g.writeStringProperty("incidentId", d.incidentId());
                g.writeStringProperty("grade", d.grade().name());
                instant(g, "targetAt", d.targetAt());
                instant(g, "attendedAt", d.attendedAt());
                number(g, "lateByMinutes", d.lateByMinutes());
                g.writeBooleanProperty("divertTagged", d.divertTagged());
                g.writeEndObject();
            }
            g.writeEndArray();
            }

            if (parts.contains(Report.Part.DIVERTS)) {
            g.writeName("diverts");
            g.writeStartArray();
            for (Report.Divert d : r.diverts()) {
                g.writeStartObject();
                g.writeStringProperty("incidentId", d.incidentId());
                g.writeStringProperty("unitId", d.unitId());
                g.writeStringProperty("toIncidentId", d.toIncidentId());
                instant(g, "at", d.at());
                name(g, "review", d.review());
                instant(g, "reviewedAt", d.reviewedAt());
                g.writeBooleanProperty("reviewOverdue", d.reviewOverdue());
                name(g, "challenge", d.challenge());
                instant(g, "reallocatedAt", d.reallocatedAt());
                instant(g, "originalAttendedAt", d.originalAttendedAt());
                g.writeBooleanProperty("originalBreached", d.originalBreached());
                name(g, "audit", d.audit());
                g.writeBooleanProperty("urgentReview", d.urgentReview());
                g.writeEndObject();
            }
            g.writeEndArray();
            }

            if (parts.contains(Report.Part.SCHEMES)) {
            g.writeName("schemes");
            g.writeStartArray();
            for (Report.Scheme s : r.schemes()) {
                g.writeStartObject();
                g.writeStringProperty("schemeId", s.schemeId());
                instant(g, "activatedAt", s.activatedAt());
                instant(g, "victimInformedAt", s.victimInformedAt());
                bool(g, "victimInformedInTime", s.victimInformedInTime());
                g.writeNumberProperty("contactAttempts", s.contactAttempts());
                instant(g, "firstStageAt", s.firstStageAt());
                instant(g, "secondStageAt", s.secondStageAt());
                name(g, "decision", s.decision());
                instant(g, "decidedAt", s.decidedAt());
                bool(g, "victimInformedOfDecision", s.victimInformedOfDecision());
                g.writeBooleanProperty("reviewOverdue", s.reviewOverdue());
                g.writeEndObject();
            }
            g.writeEndArray();
            }

            if (parts.contains(Report.Part.DEMAND)) {
            Report.Demand d = r.demand();
            g.writeName("demand");
            g.writeStartObject();
            counts(g, "callsByHour", d.callsByHour());
            g.writeNumberProperty("calls", d.calls());
            g.writeNumberProperty("incidents", d.incidents());
            g.writeName("callsByWeekdayHour");
            g.writeStartArray();
            for (List<Long> day : d.callsByWeekdayHour()) {
                g.writeStartArray();
                for (long n : day) {
                    g.writeNumber(n);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            }
            if (extra != null) {
                extra.accept(g);
            }
            g.writeEndObject();
        }
        return out.append('\n').toString();
    }

    private static void grades(JsonGenerator g, Map<Grade, Report.Compliance> byGrade) {
        g.writeStartObject();
        for (Map.Entry<Grade, Report.Compliance> e : byGrade.entrySet()) {
            Report.Compliance c = e.getValue();
            g.writeName(e.getKey().name());
            g.writeStartObject();
            g.writeNumberProperty("incidents", c.incidents());
            g.writeNumberProperty("attended", c.attended());
            g.writeNumberProperty("withinTarget", c.withinTarget());
            g.writeNumberProperty("breached", c.breached());
            g.writeNumberProperty("closedUnattended", c.closedUnattended());
            number(g, "withinTargetRate", c.withinTargetRate());
            g.writeName("responseMinutes");
            g.writeStartObject();
            number(g, "p50", c.responseMinutes().p50());
            number(g, "p90", c.responseMinutes().p90());
            number(g, "max", c.responseMinutes().max());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, String name, List<Long> values) {
        g.writeName(name);
        g.writeStartArray();
        for (long n : values) {
            g.writeNumber(n);
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void instant(JsonGenerator g, String name, Instant t) {
        if (t == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, t.toString());
        }
    }

    private static void name(JsonGenerator g, String name, Enum<?> v) {
        if (v == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, v.name());
        }
    }

    private static void bool(JsonGenerator g, String name, Boolean v) {
        if (v == null) {
            g.writeNullProperty(name);
        } else {
            g.writeBooleanProperty(name, v);
        }
    }

    /** Exactly as rounded: 35.0 stays 35.0, never 35 or 3.5E+1. */
    private static void number(JsonGenerator g, String name, BigDecimal v) {
        g.writeName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v.toPlainString());
        }
    }
}
