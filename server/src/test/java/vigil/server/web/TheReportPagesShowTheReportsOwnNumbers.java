package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.web.Fill.errorAt;
import static vigil.server.web.Fill.send;
import static vigil.server.web.Fill.tick;
import static vigil.server.web.Fill.type;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SettableClock;
import vigil.server.web.browser.Browser;

/**
 * The report pages in a real browser show the very numbers of {@code /api/reports} (the CLI's code over the read
 * tables): response times per grade against the target, demand by weekday and hour as a heat map, diverts and breaches
 * over time, each as a chart (drawn by uPlot, served by the server) and a table, with the CSV of each; for the period
 * and filter asked, refused at the field when they cannot be read. The QART queue: an inspector's urgent review puts a
 * divert at the top of the QA reviewer's open page without a reload; the QA reviewer records the audit from it. An
 * incident's timeline with its CSV and EIDO. Each says how far its history is verified.
 */
class TheReportPagesShowTheReportsOwnNumbers {
    private static final Instant T0 = Instant.parse("2026-05-31T21:00:00Z");
    private static SettableClock clock;
    private static WebRoom room;

    @BeforeAll
    static void open() {
        clock = new SettableClock(T0);
        room = WebRoom.open(Map.of(), clock);
        // An S call loses its unit to an I call (which is reached late); another I call is reached in time; an S
        // call loses its unit too; an E call waits. Seventy minutes pass: the first S call is breached.
        room.incident("CAD-1", "S", "10 Example Road, London SE1 1AA");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-1\",\"unitId\":\"SE-1\"}");
        at(2);
        room.incident("CAD-2", "I", "Example High Street, London SE1 2BB");
        room.command("despatcher", "{\"do\":\"DivertUnit\",\"unitId\":\"SE-1\",\"toIncidentId\":\"CAD-2\","
                + "\"reason\":\"Immediate: man with a knife\"}");
        at(3);
        room.incident("CAD-3", "I", "3 Quick Street, London SE1 3CC");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-3\",\"unitId\":\"SE-2\"}");
        at(10);
        room.command("despatcher", "{\"do\":\"ArriveAtScene\",\"incidentId\":\"CAD-3\",\"unitId\":\"SE-2\"}");
        at(20);
        room.command("despatcher", "{\"do\":\"ArriveAtScene\",\"incidentId\":\"CAD-2\",\"unitId\":\"SE-1\"}");
        room.incident("CAD-4", "E", "4 Slow Lane, London SE1 4DD");
        room.incident("CAD-5", "S", "5 Other Road, London SE1 5EE");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-5\",\"unitId\":\"SE-3\"}");
        at(30);
        room.incident("CAD-6", "I", "6 Urgent Road, London SE1 6FF");
        room.command("despatcher", "{\"do\":\"DivertUnit\",\"unitId\":\"SE-3\",\"toIncidentId\":\"CAD-6\","
                + "\"reason\":\"Immediate: collapse\"}");
        at(70);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                room.get("qa-reviewer", "/api/reports").get("history").get("reportedUpTo").asLong() == room.lastSeq());
    }

    /** The clock at T0 + {@code minutes}, and the writer gone past it (its deadlines fired). */
    private static void at(long minutes) {
        clock.set(T0.plus(Duration.ofMinutes(minutes)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                !room.server().writer().position().clock().isBefore(clock.instant()));
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    void theStandardReportsAreTheApisNumbersAsChartsAndTables() {
        try (Browser qa = room.browser("qa-reviewer")) {
            qa.visit("/reports", "reports");
            JsonNode api = room.get("qa-reviewer", "/api/reports");
            sameNumbers(qa, api);
            assertThat(qa.find(By.id("history-statement")).getText())
                    .contains(api.get("history").get("statement").asString());
            for (String chart : List.of("response", "hours", "time")) {
                WebElement c = qa.find(By.cssSelector("[data-chart='" + chart + "']"));
                qa.waitUntil(d -> "true".equals(c.getAttribute("data-drawn")));
                assertThat(c.findElements(By.tagName("canvas"))).as("%s chart drawn", chart).isNotEmpty();
            }
            // (The browser's own request for /favicon.ico is answered 404: the site has no icon.)
            assertThat(qa.consoleErrors()).filteredOn(m -> !m.contains("/favicon.ico"))
                    .as("no script error, nothing refused by the page's CSP").isEmpty();

            // The CSV of each report is the API's, for the very period and filter shown.
            String csv = qa.find(By.id("csv-response")).getAttribute("href");
            assertThat(csv).contains("/api/reports/response-times?format=csv&from=" + api.get("from").asString());
            String body = room.server().get("qa-reviewer", URI.create(csv).getRawPath() + "?"
                    + URI.create(csv).getRawQuery()).body();
            assertThat(body).contains("# responseTimes.byGrade", "# history");

            // A period and a filter as a person types them: a local date, and the S grade alone.
            type(qa, "filter-from", "yesterday");
            send(qa, "filter-submit");
            assertThat(errorAt(qa, "filter-from")).contains("2026-05-31");
            qa.check("reports-refused");
            type(qa, "filter-from", "2026-06-02");
            type(qa, "filter-to", "2026-06-01");
            send(qa, "filter-submit");
            assertThat(errorAt(qa, "filter-from")).contains("after the end");
            type(qa, "filter-from", "2026-05-31");
            type(qa, "filter-to", "2026-06-01");
            tick(qa, "filter-grade-S");
            send(qa, "filter-submit");
            String from = periodFrom(qa);
            JsonNode filtered = room.get("qa-reviewer", "/api/reports?grade=S&from=" + from + "&to=" + periodTo(qa));
            assertThat(from).isEqualTo("2026-05-30T23:00:00Z"); // midnight in London, summer time
            assertThat(rows(qa)).containsExactly("S");
            sameNumbers(qa, filtered);
            qa.check("reports-filtered");
        }
    }

    @Test
    void aQaReviewerWorksTheQueueAnInspectorPutsADivertAtItsTop() {
        try (Browser qa = room.browser("qa-reviewer"); Browser inspector = room.browser("inspector")) {
            assertThat(qa.driver().getCurrentUrl()).as("the QA reviewer lands on the queue").endsWith("/qart");
            assertThat(queue(qa)).containsExactly("CAD-1", "CAD-5");
            assertThat(queue(qa)).isEqualTo(apiQueue());
            qa.check("qart");

            inspector.visit("/qart/CAD-5", "qart-incident-inspector");
            send(inspector, "urgent-submit");
            assertThat(errorAt(inspector, "urgent-note")).contains("Required");
            type(inspector, "urgent-note", "Complaint from the caller's family");
            send(inspector, "urgent-submit");
            assertThat(Fill.done(inspector)).contains("Urgent review of CAD-5");

            qa.waitUntil(d -> queue(qa).getFirst().equals("CAD-5"));
            assertThat(qa.find(By.cssSelector("#qart-table tbody tr")).getText()).contains("URGENT REVIEW");
            assertThat(queue(qa)).isEqualTo(apiQueue());
            qa.check("qart-urgent");

            qa.find(By.cssSelector("#qart-table a[href='/qart/CAD-5']")).sendKeys(org.openqa.selenium.Keys.ENTER);
            qa.waitUntil(d -> d.getCurrentUrl().endsWith("/qart/CAD-5"));
            qa.awaitReady();
            type(qa, "audit-note", "The I call needed the nearest unit");
            send(qa, "audit-submit");
            assertThat(errorAt(qa, "audit-outcome")).contains("Required");
            qa.check("qart-audit-refused");
            tick(qa, "audit-outcome");
            send(qa, "audit-submit");
            assertThat(Fill.done(qa)).contains("Audit of CAD-5 recorded: appropriate");
            assertThat(queue(qa)).containsExactly("CAD-1", "CAD-5");
            assertThat(qa.find(By.cssSelector("#qart-table tr[data-incident='CAD-5']")).getAttribute("data-audit"))
                    .isEqualTo("AUDITED");
            assertThat(queue(qa)).isEqualTo(apiQueue());
            assertThat(room.get("qa-reviewer", "/api/reports/qart").get("queue").get(1).get("audit").asString())
                    .isEqualTo("APPROPRIATE");
        }
    }

    @Test
    void anIncidentsTimelineIsEveryEventWithItsCsvAndEido() {
        try (Browser qa = room.browser("qa-reviewer")) {
            qa.visit("/reports/incidents", "timeline-find");
            type(qa, "find-id", "CAD-404");
            send(qa, "find-submit");
            assertThat(errorAt(qa, "find-id")).contains("names no incident CAD-404");
            type(qa, "find-id", "CAD-1");
            send(qa, "find-submit");
            assertThat(qa.driver().getCurrentUrl()).endsWith("/reports/incidents/CAD-1");
            qa.check("timeline");

            JsonNode api = room.get("qa-reviewer", "/api/reports/incidents/CAD-1/timeline");
            List<String> seqs = new ArrayList<>();
            api.get("events").forEach(e -> seqs.add(e.get("seq").asString()));
            assertThat(qa.all(By.cssSelector("#timeline-table tbody tr")).stream()
                    .map(r -> r.getAttribute("data-seq")).toList()).isEqualTo(seqs);
            assertThat(qa.find(By.id("timeline-table")).getText()).contains("UnitDiverted", "DivertTagged",
                    "AttendanceBreached", "despatcher", "the clock (a deadline)");
            assertThat(qa.find(By.id("timeline-csv")).getAttribute("href"))
                    .endsWith("/api/reports/incidents/CAD-1/timeline?format=csv");
            assertThat(qa.find(By.id("timeline-eido")).getAttribute("href")).endsWith("/api/reports/incidents/CAD-1/eido");
            assertThat(qa.find(By.id("history-statement")).getText()).contains(api.get("history").get("statement")
                    .asString());
            assertThat(room.server().get("qa-reviewer", "/api/reports/incidents/CAD-1/eido").json()
                    .get("incidentComponent").get(0).get("incidentTrackingIdentifier").asString()).isEqualTo("CAD-1");
        }
    }

    /** The page's tables hold the report's numbers: compliance by grade, the heat map, the totals, over time. */
    private static void sameNumbers(Browser b, JsonNode api) {
        JsonNode byGrade = api.get("responseTimes").get("byGrade");
        List<String> grades = new ArrayList<>();
        byGrade.propertyNames().forEach(grades::add);
        assertThat(rows(b)).isEqualTo(grades);
        for (String g : grades) {
            WebElement row = b.find(By.cssSelector("#by-grade tr[data-grade='" + g + "']"));
            JsonNode c = byGrade.get(g);
            for (String f : List.of("incidents", "attended", "withinTarget", "breached", "closedUnattended")) {
                assertThat(cell(row, f).getText()).as("%s %s", g, f).isEqualTo(c.get(f).asString());
            }
            JsonNode rate = c.get("withinTargetRate");
            assertThat(cell(row, "withinTargetRate").getAttribute("data-value")).as("%s rate", g)
                    .isEqualTo(rate.isNull() ? null : rate.asString());
            if (!rate.isNull()) {
                assertThat(cell(row, "withinTargetRate").getText()).isEqualTo(
                        rate.decimalValue().movePointRight(2).stripTrailingZeros().toPlainString() + " %");
            }
            for (String p : List.of("p50", "p90", "max")) {
                JsonNode m = c.get("responseMinutes").get(p);
                assertThat(cell(row, p).getText()).as("%s %s", g, p).isEqualTo(m.isNull() ? "—" : m.asString());
            }
        }
        JsonNode demand = api.get("demand");
        assertThat(b.find(By.id("demand-calls")).getText()).isEqualTo(demand.get("calls").asString());
        assertThat(b.find(By.id("demand-incidents")).getText()).isEqualTo(demand.get("incidents").asString());
        List<WebElement> days = b.all(By.cssSelector("#heat-map tbody tr"));
        assertThat(days).hasSize(7);
        for (int d = 0; d < 7; d++) {
            List<String> shown = days.get(d).findElements(By.cssSelector("td.heat")).stream().map(WebElement::getText)
                    .toList();
            List<String> expected = new ArrayList<>();
            demand.get("callsByWeekdayHour").get(d).forEach(n -> expected.add(n.asString()));
            assertThat(shown).as("weekday %d", d).isEqualTo(expected);
        }
        long diverts = sum(b, "diverts");
        long breaches = sum(b, "breaches");
        assertThat(diverts).isEqualTo(api.get("diverts").size());
        assertThat(breaches).isEqualTo(api.get("delayedAttendance").size());
    }

    private static long sum(Browser b, String field) {
        return b.all(By.cssSelector("#over-time-table td[data-field='" + field + "']")).stream()
                .mapToLong(c -> Long.parseLong(c.getText())).sum();
    }

    private static List<String> rows(Browser b) {
        return b.all(By.cssSelector("#by-grade tbody tr")).stream().map(r -> r.getAttribute("data-grade")).toList();
    }

    private static WebElement cell(WebElement row, String field) {
        return row.findElement(By.cssSelector("[data-field='" + field + "']"));
    }

    private static String periodFrom(Browser b) {
        return b.find(By.id("period")).getAttribute("data-from");
    }

    private static String periodTo(Browser b) {
        return b.find(By.id("period")).getAttribute("data-to");
    }

    private static List<String> queue(Browser b) {
        return b.all(By.cssSelector("#qart-table tbody tr")).stream().map(r -> r.getAttribute("data-incident"))
                .toList();
    }

    private static List<String> apiQueue() {
        List<String> out = new ArrayList<>();
        room.get("qa-reviewer", "/api/reports/qart").get("queue").forEach(r -> out.add(r.get("incidentId").asString()));
        return out;
    }
}
