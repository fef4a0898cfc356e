package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import vigil.core.Recorded;
import vigil.sim.json.EventJson;
import vigil.sim.replay.Replay;
import vigil.sim.scenario.Scenario;
import vigil.sim.scenario.ScenarioReader;

/**
 * Fixtures for report stories: a small control room (staff and units below) whose shift is the steps given, replayed
 * through the real engine into {@link Daris}; and checks that hold for every report a story reads, so each also
 * proves its CSV says what its JSON says.
 *
 * <p>Staff: {@code ch1} call handler (no BCU), {@code chSE} call handler of SE, {@code dsp1} despatcher, {@code ctl1}
 * controller, {@code insp1} inspector, {@code duty1} duty officer, {@code qa1} QA reviewer, {@code rtrd1} RTRD,
 * {@code oic1} OIC of SE, {@code cm1} crime manager of SE. Units U1 to U4.
 */
final class Reports {
    private Reports() {}

    /** A scenario from {@code start} to {@code until} with the fixture's room; {@code policy} is JSON or empty. */
    static String shift(String start, String until, String policy, String steps) {
        return """
                {
                  "name": "report story",
                  "start": "%s",
                  "until": "%s",
                  %s
                  "staff": [
                    { "id": "ch1", "role": "CALL_HANDLER" },
                    { "id": "chSE", "role": "CALL_HANDLER", "bcu": "SE" },
                    { "id": "dsp1", "role": "DESPATCHER" },
                    { "id": "ctl1", "role": "CONTROLLER" },
                    { "id": "insp1", "role": "INSPECTOR" },
                    { "id": "duty1", "role": "DUTY_OFFICER" },
                    { "id": "qa1", "role": "QA_REVIEWER" },
                    { "id": "rtrd1", "role": "RTRD" },
                    { "id": "oic1", "role": "OIC", "bcu": "SE" },
                    { "id": "cm1", "role": "CRIME_MANAGER", "bcu": "SE" }
                  ],
                  "units": [ { "id": "U1" }, { "id": "U2" }, { "id": "U3" }, { "id": "U4" } ],
                  "steps": [ %s ]
                }
                """.formatted(start, until, policy.isBlank() ? "" : "\"policy\": " + policy + ",", steps);
    }

    /** A recorded shift: its scenario and every event the engine gave. */
    record Shift(Scenario scenario, List<Recorded> events) {
        static Shift of(String scenarioJson) {
            return of(ScenarioReader.parse(scenarioJson));
        }

        static Shift of(Scenario s) {
            List<Recorded> events = new ArrayList<>();
            Replay.run(s, events::add);
            return new Shift(s, events);
        }

        /** A projection fed every event. */
        Daris daris() {
            return fedUpTo(scenario.until());
        }

        /** A projection fed the events up to {@code t} (included) only. */
        Daris fedUpTo(Instant t) {
            Daris d = new Daris(scenario.policy());
            events.stream().filter(r -> !r.at().isAfter(t)).forEach(d::accept);
            return d;
        }

        /** The JSON of the report over the scenario's own period, checked against its CSV. */
        JsonNode report() {
            return json(daris().report(scenario.start(), scenario.until()));
        }

        JsonNode report(Instant from, Instant to, Filter filter) {
            return json(daris().report(from, to, filter));
        }

        boolean has(String eventType) {
            return events.stream().anyMatch(r -> r.event().type().equals(eventType));
        }

        String eventLog() {
            StringBuilder b = new StringBuilder();
            events.forEach(r -> b.append(EventJson.line(r)).append('\n'));
            return b.toString();
        }
    }

    static Shift shiftOf(String start, String until, String steps) {
        return Shift.of(shift(start, until, "", steps));
    }

    /** The stories' day: 12 June 2024, a Wednesday (London is on BST, UTC+1). */
    static final String DAY = "2024-06-12T";

    /** An instant of the stories' day, {@code "10:05"} or {@code "10:05:30"} in UTC, or a whole instant. */
    static Instant at(String time) {
        if (time.contains("T")) {
            return Instant.parse(time);
        }
        return Instant.parse(DAY + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    /**
     * One step at a time of the stories' day (or at a whole instant): {@code step("10:00", "ch1", "RecordCall", "callId", "C1")}. Values
     * are JSON strings, unless they are JSON arrays, objects or booleans already.
     */
    static String step(String time, String by, String what, String... fields) {
        StringBuilder b = new StringBuilder("{ \"at\": \"" + at(time) + "\", \"by\": \"" + by + "\", \"do\": \""
                + what + "\"");
        for (int i = 0; i + 1 < fields.length; i += 2) {
            String v = fields[i + 1];
            boolean raw = v.startsWith("[") || v.startsWith("{") || v.equals("true") || v.equals("false");
            b.append(", \"").append(fields[i]).append("\": ").append(raw ? v : "\"" + v + "\"");
        }
        return b.append(" }").toString();
    }

    /** A call recorded by {@code ch1} and made an incident of {@code grade} at the same instant. */
    static String incident(String time, String incidentId, String grade) {
        return step(time, "ch1", "RecordCall", "callId", "C-" + incidentId) + ",\n"
                + step(time, "ch1", "CreateIncident", "incidentId", incidentId, "callId", "C-" + incidentId,
                "grade", grade);
    }

    /** Steps joined into the scenario's list. */
    static String steps(String... steps) {
        return String.join(",\n", steps);
    }

    /** A shift on the stories' day from {@code start} to {@code until}. */
    static Shift day(String start, String until, String... steps) {
        return Shift.of(shift(at(start).toString(), at(until).toString(), "", steps(steps)));
    }

    /** The report as JSON, after checking that its CSV holds the same tables, rows and values. */
    static JsonNode json(Report r) {
        JsonNode json = ExpectReport.parse(ReportJson.text(r));
        assertCsvAgrees(ReportCsv.text(r), json);
        return json;
    }

    /** The report holds {@code expected} by the rules of expect-report. */
    static void assertMeets(JsonNode report, String expected) {
        List<String> bad = ExpectReport.mismatches(ExpectReport.parse(expected), report);
        assertThat(bad).as("report:\n%s", report.toPrettyString()).isEmpty();
    }

    private static final List<String> COMPLIANCE = List.of("incidents", "attended", "withinTarget", "breached",
            "closedUnattended", "withinTargetRate");

    static void assertCsvAgrees(String csv, JsonNode json) {
        Map<String, CsvTables.Table> t = CsvTables.parse(csv);
        List<String> bad = new ArrayList<>();
        Set<String> expectedTables = new LinkedHashSet<>(List.of("period", "responseTimes.byGrade",
                "responseTimes.byBcu", "delayedAttendance", "diverts", "schemes", "demand", "demand.callsByHour",
                "demand.callsByWeekdayHour"));
        if (json.has("filter")) {
            expectedTables.add("filter");
        }
        assertThat(t.keySet()).as("tables of the CSV").containsExactlyInAnyOrderElementsOf(expectedTables);

        cell(bad, "period.from", t.get("period").row(0).get("from"), json.get("from"));
        cell(bad, "period.to", t.get("period").row(0).get("to"), json.get("to"));

        JsonNode byGrade = json.at("/responseTimes/byGrade");
        CsvTables.Table g = t.get("responseTimes.byGrade");
        same(bad, "byGrade rows", g.rows().size(), byGrade.size());
        for (int i = 0; i < g.rows().size(); i++) {
            Map<String, String> row = g.row(i);
            compliance(bad, "byGrade." + row.get("grade"), row, byGrade.get(row.get("grade")));
        }
        JsonNode byBcu = json.at("/responseTimes/byBcu");
        CsvTables.Table b = t.get("responseTimes.byBcu");
        int cells = 0;
        for (JsonNode grades : byBcu.values()) {
            cells += grades.size();
        }
        same(bad, "byBcu rows", b.rows().size(), cells);
        for (int i = 0; i < b.rows().size(); i++) {
            Map<String, String> row = b.row(i);
            JsonNode bcu = byBcu.get(row.get("bcu"));
            compliance(bad, "byBcu." + row.get("bcu") + "." + row.get("grade"), row,
                    bcu == null ? null : bcu.get(row.get("grade")));
        }

        for (String list : List.of("delayedAttendance", "diverts", "schemes")) {
            CsvTables.Table table = t.get(list);
            JsonNode rows = json.get(list);
            same(bad, list + " rows", table.rows().size(), rows.size());
            for (int i = 0; i < Math.min(table.rows().size(), rows.size()); i++) {
                Map<String, String> row = table.row(i);
                same(bad, list + "[" + i + "] fields", row.keySet(), new LinkedHashSet<>(rows.get(i).propertyNames()));
                for (Map.Entry<String, String> f : row.entrySet()) {
                    cell(bad, list + "[" + i + "]." + f.getKey(), f.getValue(), rows.get(i).get(f.getKey()));
                }
            }
        }

        JsonNode demand = json.get("demand");
        cell(bad, "demand.calls", t.get("demand").row(0).get("calls"), demand.get("calls"));
        cell(bad, "demand.incidents", t.get("demand").row(0).get("incidents"), demand.get("incidents"));
        CsvTables.Table hours = t.get("demand.callsByHour");
        same(bad, "callsByHour rows", hours.rows().size(), demand.get("callsByHour").size());
        for (int h = 0; h < hours.rows().size(); h++) {
            cell(bad, "callsByHour.hour", hours.row(h).get("hour"), IntNode.valueOf(h));
            cell(bad, "callsByHour[" + h + "]", hours.row(h).get("calls"), demand.get("callsByHour").get(h));
        }
        CsvTables.Table days = t.get("demand.callsByWeekdayHour");
        same(bad, "callsByWeekdayHour rows", days.rows().size(), demand.get("callsByWeekdayHour").size());
        for (int w = 0; w < days.rows().size(); w++) {
            for (int h = 0; h < 24; h++) {
                cell(bad, "callsByWeekdayHour[" + w + "][" + h + "]", days.row(w).get(String.valueOf(h)),
                        demand.get("callsByWeekdayHour").get(w).get(h));
            }
        }
        assertThat(bad).as("the CSV says what the JSON says\n--- csv ---\n%s", csv).isEmpty();
    }

    private static void compliance(List<String> bad, String where, Map<String, String> row, JsonNode c) {
        if (c == null) {
            bad.add(where + ": in the CSV, not in the JSON");
            return;
        }
        for (String f : COMPLIANCE) {
            cell(bad, where + "." + f, row.get(f), c.get(f));
        }
        for (String p : List.of("p50", "p90", "max")) {
            cell(bad, where + "." + p, row.get(p), c.get("responseMinutes").get(p));
        }
    }

    private static void same(List<String> bad, String what, Object csv, Object json) {
        if (!csv.equals(json)) {
            bad.add(what + ": CSV " + csv + ", JSON " + json);
        }
    }

    /** A CSV field against a JSON value: null is empty, numbers equal as decimals, the rest as their text. */
    private static void cell(List<String> bad, String where, String csv, JsonNode json) {
        boolean ok;
        if (json == null || json.isNull()) {
            ok = csv != null && csv.isEmpty();
        } else if (json.isNumber()) {
            ok = csv != null && !csv.isEmpty() && new BigDecimal(csv).compareTo(json.decimalValue()) == 0
                    && csv.equals(json.toString());
        } else {
            ok = json.asString().equals(csv);
        }
        if (!ok) {
            bad.add(where + ": CSV '" + csv + "', JSON " + json);
        }
    }
}
