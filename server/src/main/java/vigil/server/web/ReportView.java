package vigil.server.web;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.sim.report.Filter;
import vigil.sim.report.Report;

/**
 * A report as the report pages show it (docs/adr/107): the period and filter as typed (refused at the field when they
 * cannot be read), and the report's own numbers laid out for tables and charts. Nothing here computes a figure the
 * report does not: numbers are the report's, written as its JSON writes them; the charts' series are those numbers,
 * and "over time" counts the report's own divert and delayed-attendance rows by hour, day, week or month.
 */
final class ReportView {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd[[ ]['T']HH:mm[:ss]]",
            Locale.UK);
    private static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");

    private ReportView() {}

    /** The period and filter asked for: instants (null: the log's first or last event), BCUs, grades, and the form. */
    record Asked(Instant from, Instant to, Set<String> bcus, Set<Grade> grades, Form form) {
        Filter filter() {
            return new Filter(bcus, grades);
        }
    }

    /** The filter form's fields as the address carries them, bound by name ({@code ?from=&to=&bcu=&grade=}). */
    record ReportQuery(String from, String to, List<String> bcu, List<String> grade) {
        Asked asked(ZoneId zone) {
            return ReportView.asked(from, to, bcu, grade, zone);
        }
    }

    /** Reads the filter form. Text it cannot read is refused at its field, in words. */
    static Asked asked(String from, String to, List<String> bcus, List<String> grades, ZoneId zone) {
        Form form = Form.empty().value("from", from).value("to", to)
                .value("bcu", String.join(",", bcus == null ? List.of() : bcus))
                .value("grade", String.join(",", grades == null ? List.of() : grades));
        Instant f = instant("from", from, zone, false, form);
        Instant t = instant("to", to, zone, true, form);
        if (f != null && t != null && f.isAfter(t)) {
            form.error("from", "The start is after the end: give a start before " + to.strip() + ".");
        }
        Set<Grade> g = EnumSet.noneOf(Grade.class);
        for (String x : grades == null ? List.<String>of() : grades) {
            try {
                g.add(Grade.valueOf(x.strip()));
            } catch (IllegalArgumentException e) {
                form.error("grade", "Choose grades among I, S, E and R.");
            }
        }
        Set<String> b = new TreeSet<>();
        (bcus == null ? List.<String>of() : bcus).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(b::add);
        return new Asked(f, t, b, g, form);
    }

    /**
     * An instant from what a person types: a date ({@code 2026-05-31}: the start of that day, or its very end for the
     * period's end), a local date and time ({@code 2026-05-31 23:00}), in the force's zone; or an instant with its
     * offset ({@code 2026-05-31T22:00:00Z}). Blank is null (the log's own first or last event).
     */
    static Instant instant(String field, String text, ZoneId zone, boolean end, Form form) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Instant out;
        try {
            out = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                var parsed = LOCAL.parseBest(t, LocalDateTime::from, LocalDate::from);
                out = parsed instanceof LocalDateTime ldt ? ldt.atZone(zone).toInstant()
                        : end ? ((LocalDate) parsed).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1)
                        : ((LocalDate) parsed).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                form.error(field, "Give a date such as 2026-05-31, or a date and time such as 2026-05-31 23:00.");
                return null;
            }
        }
        if (out.isBefore(EARLIEST) || !out.isBefore(LATEST)) {
            form.error(field, "Give a date in the years 1900 to 2199.");
            return null;
        }
        return out;
    }

    /** One grade's compliance, as its table row and chart show it; numbers written as the report's JSON writes them. */
    record GradeRow(String grade, String gradeName, String target, Long targetMinutes, long incidents, long attended,
                    long withinTarget, long breached, long closedUnattended, String rate, String ratePercent,
                    String p50, String p90, String max) {}

    /** A BCU's grade row. */
    record BcuRow(String bcu, GradeRow row) {}

    /** A row of "over time": a period's start, its words, and how many diverts and breaches it holds. */
    record Bucket(long startSeconds, String label, long diverts, long breaches) {}

    /** A heat map cell: its count and its shade (0 none, 1 to 6 the sixths of the busiest hour). */
    record Cell(long calls, int shade) {
        public String css() {
            return "heat heat-" + shade;
        }
    }

    record Weekday(String name, List<Cell> hours, long total) {}

    static List<GradeRow> byGrade(Map<Grade, Report.Compliance> byGrade, Policy policy) {
        List<GradeRow> out = new ArrayList<>();
        byGrade.forEach((g, c) -> out.add(row(g, c, policy)));
        return out;
    }

    static List<BcuRow> byBcu(Map<String, Map<Grade, Report.Compliance>> byBcu, Policy policy) {
        List<BcuRow> out = new ArrayList<>();
        byBcu.forEach((bcu, grades) -> grades.forEach((g, c) -> out.add(new BcuRow(bcu, row(g, c, policy)))));
        return out;
    }

    private static GradeRow row(Grade g, Report.Compliance c, Policy policy) {
        Duration target = policy.targetFor(g).orElse(null);
        Report.ResponseMinutes m = c.responseMinutes();
        return new GradeRow(g.name(), Words.grade(g), target == null ? "no target" : duration(target),
                target == null ? null : target.toMinutes(), c.incidents(), c.attended(), c.withinTarget(),
                c.breached(), c.closedUnattended(), plain(c.withinTargetRate()), percent(c.withinTargetRate()),
                plain(m.p50()), plain(m.p90()), plain(m.max()));
    }

    /** As the report's JSON writes a number: exactly as rounded ({@code 35.0}, {@code 0.6667}); null stays null. */
    static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    /** A rate as a percentage: the same number, moved two places ({@code 0.6667} is {@code 66.67 %}). */
    static String percent(BigDecimal rate) {
        return rate == null ? null : rate.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    static String duration(Duration d) {
        return d.toMinutes() < 120 ? d.toMinutes() + " min" : d.toHours() + " h";
    }

    /** The response-time chart's data: per grade with a target, its p50, p90 and max minutes and the target. */
    static String responseChart(List<GradeRow> rows) {
        ArrayNode a = JSON.createArrayNode();
        for (GradeRow r : rows) {
            ObjectNode n = a.addObject().put("grade", r.grade()).put("name", r.gradeName());
            if (r.targetMinutes() != null) {
                n.put("target", r.targetMinutes()).put("targetWords", r.target());
            } else {
                n.putNull("target");
            }
            for (String[] kv : new String[][] {{"p50", r.p50()}, {"p90", r.p90()}, {"max", r.max()}}) {
                if (kv[1] == null) {
                    n.putNull(kv[0]);
                } else {
                    n.put(kv[0], new BigDecimal(kv[1]));
                }
            }
        }
        return JSON.writeValueAsString(a);
    }

    static String hourChart(List<Long> callsByHour) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode v = n.putArray("calls");
        callsByHour.forEach(v::add);
        return JSON.writeValueAsString(n);
    }

    static List<Weekday> heat(List<List<Long>> weekdayHour) {
        long max = 0;
        for (List<Long> day : weekdayHour) {
            for (long v : day) {
                max = Math.max(max, v);
            }
        }
        List<Weekday> out = new ArrayList<>();
        for (int d = 0; d < weekdayHour.size(); d++) {
            List<Cell> cells = new ArrayList<>();
            long total = 0;
            for (long v : weekdayHour.get(d)) {
                int shade = v == 0 ? 0 : (int) Math.max(1, Math.min(6, (v * 6 + max - 1) / max));
                cells.add(new Cell(v, shade));
                total += v;
            }
            out.add(new Weekday(WEEKDAYS.get(d), cells, total));
        }
        return out;
    }

    /**
     * The report's diverts (by when they were made) and delayed attendances (by their target time) counted by hour
     * (a period up to 3 days), day (up to 92 days), week (up to 3 years) or month, in the force's zone, from the
     * period's start to its end: every bucket, the empty ones too, for the chart.
     */
    static List<Bucket> overTime(Report r, ZoneId zone) {
        ChronoUnit unit = unit(r.from(), r.to());
        Map<Long, long[]> counts = new LinkedHashMap<>();
        ZonedDateTime start = truncate(r.from().atZone(zone), unit);
        ZonedDateTime end = r.to().atZone(zone);
        List<ZonedDateTime> starts = new ArrayList<>();
        for (ZonedDateTime t = start; !t.isAfter(end) && starts.size() < 2_000; t = t.plus(1, unit)) {
            starts.add(t);
            counts.put(t.toEpochSecond(), new long[2]);
        }
        for (Report.Divert d : r.diverts()) {
            counts.computeIfAbsent(truncate(d.at().atZone(zone), unit).toEpochSecond(), k -> new long[2])[0]++;
        }
        for (Report.DelayedAttendance d : r.delayedAttendance()) {
            counts.computeIfAbsent(truncate(d.targetAt().atZone(zone), unit).toEpochSecond(), k -> new long[2])[1]++;
        }
        DateTimeFormatter label = switch (unit) {
            case HOURS -> DateTimeFormatter.ofPattern("EEE d MMM HH:00", Locale.UK);
            case DAYS -> DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.UK);
            case WEEKS -> DateTimeFormatter.ofPattern("'week of' d MMM uuuu", Locale.UK);
            default -> DateTimeFormatter.ofPattern("MMMM uuuu", Locale.UK);
        };
        List<Bucket> out = new ArrayList<>();
        List<Long> keys = new ArrayList<>(counts.keySet());
        Collections.sort(keys);
        for (long k : keys) {
            long[] c = counts.get(k);
            out.add(new Bucket(k, label.format(Instant.ofEpochSecond(k).atZone(zone)), c[0], c[1]));
        }
        return out;
    }

    static String unitWord(Instant from, Instant to) {
        return switch (unit(from, to)) {
            case HOURS -> "hour";
            case DAYS -> "day";
            case WEEKS -> "week";
            default -> "month";
        };
    }

    private static ChronoUnit unit(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        return span.compareTo(Duration.ofDays(3)) <= 0 ? ChronoUnit.HOURS
                : span.compareTo(Duration.ofDays(92)) <= 0 ? ChronoUnit.DAYS
                : span.compareTo(Duration.ofDays(3 * 366)) <= 0 ? ChronoUnit.WEEKS : ChronoUnit.MONTHS;
    }

    private static ZonedDateTime truncate(ZonedDateTime t, ChronoUnit unit) {
        return switch (unit) {
            case HOURS -> t.truncatedTo(ChronoUnit.HOURS);
            case DAYS -> t.toLocalDate().atStartOfDay(t.getZone());
            case WEEKS -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(t.getZone());
            default -> t.toLocalDate().withDayOfMonth(1).atTime(LocalTime.MIDNIGHT).atZone(t.getZone());
        };
    }

    static String timeChart(List<Bucket> buckets, ZoneId zone) {
        ObjectNode n = JSON.createObjectNode().put("zone", zone.getId());
        ArrayNode x = n.putArray("x");
        ArrayNode d = n.putArray("diverts");
        ArrayNode b = n.putArray("breaches");
        for (Bucket k : buckets) {
            x.add(k.startSeconds());
            d.add(k.diverts());
            b.add(k.breaches());
        }
        return JSON.writeValueAsString(n);
    }

    /** The query of the API's report addresses for the same period and filter (the CSV downloads). */
    static String query(Report r) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance().queryParam("from", r.from().toString())
                .queryParam("to", r.to().toString());
        r.filter().bcus().forEach(x -> b.queryParam("bcu", x));
        r.filter().grades().forEach(x -> b.queryParam("grade", x.name()));
        return b.encode().build().getQuery();
    }
}
