package vigil.sim.report;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import vigil.core.Grade;

/**
 * A report as CSV: one table per report, each preceded by a line {@code # name} (the JSON path of what it holds),
 * then a header row and the data rows. RFC 4180: CRLF line ends, a field quoted when it holds a comma, a quote or a
 * line break (and when it starts with {@code #}, so no data row reads as a table's name). An absent value is an
 * empty field; numbers, instants and names are written exactly as in the JSON, but for a text a spreadsheet would run
 * as a formula (below).
 */
public final class ReportCsv {
    private static final String CRLF = "\r\n";
    private static final List<String> COMPLIANCE = List.of("incidents", "attended", "withinTarget", "breached",
            "closedUnattended", "withinTargetRate", "p50", "p90", "max");

    /**
     * A text a spreadsheet opening the download would run as a formula: OWASP's "CSV injection" leaders ({@code =},
     * {@code +}, {@code -}, {@code @}, tab, carriage return), after any quotes already leading it. Ids, BCUs and the
     * timeline's words come from whoever typed them (a call handler's incident id {@code =HYPERLINK(...)} was written
     * as it was, a live formula in whichever spreadsheet opened the download: audit 6). A number ({@code -3}) is data,
     * not a formula, and stays as it is; so does a leader alone (the BCU {@code -} of incidents without one).
     */
    private static final Pattern FORMULA = Pattern.compile("'*[=+\\-@\t\r].+", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private ReportCsv() {}

    public static String text(Report r) {
        return text(r, java.util.EnumSet.allOf(Report.Part.class), List.of());
    }

    /** Only the reports in {@code parts}, with {@code extra} tables (name, header, rows) after the period's. */
    public static String text(Report r, java.util.Set<Report.Part> parts, List<Table> extra) {
        StringBuilder out = new StringBuilder(4096);
        table(out, "period", List.of("from", "to"), List.of(List.of(r.from().toString(), r.to().toString())));
        if (!r.filter().none()) {
            List<List<String>> rows = new ArrayList<>();
            r.filter().bcus().forEach(b -> rows.add(List.of("bcu", b)));
            r.filter().grades().forEach(g -> rows.add(List.of("grade", g.name())));
            table(out, "filter", List.of("by", "value"), rows);
        }
        extra.forEach(t -> table(out, t.name(), t.header(), t.rows()));

        if (parts.contains(Report.Part.RESPONSE_TIMES)) {
        List<List<String>> byGrade = new ArrayList<>();
        r.responseTimes().byGrade().forEach((g, c) -> byGrade.add(compliance(List.of(g.name()), c)));
        table(out, "responseTimes.byGrade", concat(List.of("grade"), COMPLIANCE), byGrade);
        List<List<String>> byBcu = new ArrayList<>();
        for (Map.Entry<String, Map<Grade, Report.Compliance>> b : r.responseTimes().byBcu().entrySet()) {
            b.getValue().forEach((g, c) -> byBcu.add(compliance(List.of(b.getKey(), g.name()), c)));
        }
        table(out, "responseTimes.byBcu", concat(List.of("bcu", "grade"), COMPLIANCE), byBcu);
        }
        if (parts.contains(Report.Part.DELAYED_ATTENDANCE)) {

        table(out, "delayedAttendance", List.of("incidentId", "grade", "targetAt", "attendedAt", "lateByMinutes",
                "divertTagged"), r.delayedAttendance().stream().map(d -> cells(d.incidentId(), d.grade(),
                d.targetAt(), d.attendedAt(), d.lateByMinutes(), d.divertTagged())).toList());
        }
        if (parts.contains(Report.Part.DIVERTS)) {
        table(out, "diverts", List.of("incidentId", "unitId", "toIncidentId", "at", "review", "reviewedAt",
                "reviewOverdue", "challenge", "reallocatedAt", "originalAttendedAt", "originalBreached", "audit",
                "urgentReview"), r.diverts().stream().map(d -> cells(d.incidentId(), d.unitId(), d.toIncidentId(),
                d.at(), d.review(), d.reviewedAt(), d.reviewOverdue(), d.challenge(), d.reallocatedAt(),
                d.originalAttendedAt(), d.originalBreached(), d.audit(), d.urgentReview())).toList());
        }
        if (parts.contains(Report.Part.SCHEMES)) {
        table(out, "schemes", List.of("schemeId", "activatedAt", "victimInformedAt", "victimInformedInTime",
                "contactAttempts", "firstStageAt", "secondStageAt", "decision", "decidedAt",
                "victimInformedOfDecision", "reviewOverdue"), r.schemes().stream().map(s -> cells(s.schemeId(),
                s.activatedAt(), s.victimInformedAt(), s.victimInformedInTime(), s.contactAttempts(),
                s.firstStageAt(), s.secondStageAt(), s.decision(), s.decidedAt(), s.victimInformedOfDecision(),
                s.reviewOverdue())).toList());
        }
        if (!parts.contains(Report.Part.DEMAND)) {
            return out.toString();
        }

        Report.Demand d = r.demand();
        table(out, "demand", List.of("calls", "incidents"), List.of(cells(d.calls(), d.incidents())));
        List<List<String>> hours = new ArrayList<>();
        for (int h = 0; h < d.callsByHour().size(); h++) {
            hours.add(cells(h, d.callsByHour().get(h)));
        }
        table(out, "demand.callsByHour", List.of("hour", "calls"), hours);
        List<String> header = new ArrayList<>(List.of("weekday"));
        for (int h = 0; h < 24; h++) {
            header.add(String.valueOf(h));
        }
        List<List<String>> days = new ArrayList<>();
        for (int w = 0; w < d.callsByWeekdayHour().size(); w++) {
            List<String> row = new ArrayList<>(List.of(DayOfWeek.of(w + 1).name()));
            d.callsByWeekdayHour().get(w).forEach(n -> row.add(String.valueOf(n)));
            days.add(row);
        }
        table(out, "demand.callsByWeekdayHour", header, days);
        return out.toString();
    }

    /** Tables of one's own, written as the report's are. */
    public static String tables(List<Table> tables) {
        StringBuilder out = new StringBuilder(1024);
        tables.forEach(t -> table(out, t.name(), t.header(), t.rows()));
        return out.toString();
    }

    /** A table of its own: {@code # name}, the header, the rows. */
    public record Table(String name, List<String> header, List<List<String>> rows) {}

    private static List<String> compliance(List<String> key, Report.Compliance c) {
        return concat(key, cells(c.incidents(), c.attended(), c.withinTarget(), c.breached(), c.closedUnattended(),
                c.withinTargetRate(), c.responseMinutes().p50(), c.responseMinutes().p90(),
                c.responseMinutes().max()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Values as the JSON writes them; null as an empty field. */
    private static List<String> cells(Object... values) {
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(switch (v) {
                case null -> "";
                case BigDecimal n -> n.toPlainString();
                case Enum<?> e -> e.name();
                default -> v.toString();
            });
        }
        return out;
    }

    private static void table(StringBuilder out, String name, List<String> header, List<List<String>> rows) {
        out.append("# ").append(name).append(CRLF);
        row(out, header);
        rows.forEach(r -> row(out, r));
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    /**
     * One field, RFC 4180. A formula's text is written with one more leading {@code '} (OWASP's advice), which a
     * spreadsheet shows as text and a program reading the CSV drops (a {@code '} followed by more {@code '} and then
     * a formula's leader is always one added here, so the rule is undone exactly), and quoted.
     */
    static String field(String value) {
        boolean formula = FORMULA.matcher(value).matches() && !NUMBER.matcher(value).matches();
        String s = formula ? "'" + value : value;
        boolean quote = formula || s.startsWith("#") || s.indexOf(',') >= 0 || s.indexOf('"') >= 0
                || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
