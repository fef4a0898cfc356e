package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Role;
import vigil.server.log.Outcome;
import vigil.server.web.browser.Browser;
import vigil.server.web.browser.Stopwatch;

/**
 * The incident board in a real browser: open incidents soonest target first, each with a countdown that runs in the
 * browser and its state in words (unresourced, assigned not acknowledged, en route, at scene, DIVERT); the caller's
 * own alerts on top; a change re-renders its own row only (the others stay the very same elements), a new incident
 * takes its place in the order, a closed one leaves. Then the board of 2,000 open incidents: its load time and the
 * time from a command to the change on the board are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TheBoardShowsEveryOpenIncidentByTimeLeftAndStaysLive {
    private static WebRoom room;

    @BeforeAll
    static void open() {
        room = WebRoom.open(Map.of());
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    @Order(1)
    void eachIncidentShowsItsTimeLeftAndItsStateInWordsAndOnlyTheChangedRowIsRedrawn() {
        room.incident("CAD-S", "S", "10 Example Road, London SE1 1AA");
        room.incident("CAD-I", "I", "Example High Street, London SE1 2BB");
        room.incident("CAD-R", "R", "3 Quiet Lane, London SE1 3CC");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-S\",\"unitId\":\"SE-1\"}");
        room.command("despatcher", "{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"CAD-S\",\"unitId\":\"SE-1\"}");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-I\",\"unitId\":\"SE-2\"}");

        try (Browser despatcher = room.browser("despatcher"); Browser controller = room.browser("controller")) {
            despatcher.go("/board");
            assertThat(ids(despatcher)).as("soonest target first, no target after").containsSubsequence(
                    "CAD-I", "CAD-S", "CAD-R");
            assertThat(despatcher.text(By.id("incident-" + "CAD-I"))).contains("ASSIGNED, NOT ACKNOWLEDGED", "Immediate");
            assertThat(despatcher.text(By.id("incident-" + "CAD-S"))).contains("EN ROUTE", "SE-1 en route, acknowledged");
            assertThat(despatcher.text(By.id("incident-" + "CAD-R"))).contains("UNRESOURCED", "no target");
            String countdown = countdown(despatcher, "CAD-S");
            assertThat(countdown).matches("\\d\\d:\\d\\d");
            despatcher.waitUntil(d -> !countdown(despatcher, "CAD-S").equals(countdown));
            despatcher.check("board");

            controller.go("/board");
            assertThat(controller.text(By.id("my-alerts"))).contains("Nothing is waiting on you");
            // Marks on the rows that must not change: a row redrawn would be a new element without the mark.
            despatcher.js("document.getElementById('incident-CAD-I').vigilMark = 1;"
                    + " document.getElementById('incident-CAD-R').vigilMark = 1;");

            room.command("despatcher", "{\"do\":\"DivertUnit\",\"unitId\":\"SE-1\",\"toIncidentId\":\"CAD-I\","
                    + "\"reason\":\"Immediate: man with a knife\"}");

            despatcher.waitUntil(d -> despatcher.text(By.id("incident-" + "CAD-S")).contains("DIVERT"));
            assertThat(despatcher.text(By.id("incident-" + "CAD-S"))).contains("UNRESOURCED");
            despatcher.waitUntil(d -> despatcher.text(By.id("incident-" + "CAD-I")).contains("SE-1"));
            assertThat(despatcher.js("return document.getElementById('incident-CAD-R').vigilMark === 1;"))
                    .as("an incident the divert did not touch is not redrawn").isEqualTo(true);
            controller.waitUntil(d -> controller.text(By.id("my-alerts")).contains("Divert to review"));
            assertThat(controller.text(By.cssSelector("#my-alerts a"))).isEqualTo("CAD-S");
            controller.check("board-divert-alert");

            room.incident("CAD-E", "E", "4 Later Road, London SE1 4DD");
            despatcher.waitUntil(d -> !d.findElements(By.id("incident-CAD-E")).isEmpty());
            assertThat(ids(despatcher)).containsSubsequence("CAD-S", "CAD-E", "CAD-R");
            room.command("despatcher", "{\"do\":\"CloseIncident\",\"incidentId\":\"CAD-R\",\"disposition\":\"advice\"}");
            despatcher.waitUntil(d -> d.findElements(By.id("incident-CAD-R")).isEmpty());
        }
    }

    @Test
    @Order(2)
    void aBoardOfTwoThousandOpenIncidentsLoadsAndStaysLive() {
        int n = 2_000;
        Actor handler = new Actor("call-handler", Role.CALL_HANDLER, "SE");
        List<CompletableFuture<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(room.server().writer().submit(new Command.RecordCall(handler, "C-MANY-" + i, null,
                    i + " Many Street, London SE1", new Location(51.45 + i % 100 * 0.001, -0.1 + i / 100 * 0.002),
                    null, "call " + i), null));
            answers.add(room.server().writer().submit(new Command.CreateIncident(handler, "CAD-MANY-" + i,
                    "C-MANY-" + i, Grade.values()[i % 3], "Test", false, null), null));
        }
        answers.forEach(a -> assertThat(a.join()).isInstanceOf(Outcome.Decided.class));

        try (Browser board = room.browser("despatcher")) {
            board.go("/board");
            Map<String, Object> timing = board.timing();
            int rows = board.all(By.cssSelector("#board-rows tr")).size();
            assertThat(rows).isGreaterThanOrEqualTo(n);
            print("first load", rows, timing);
            board.go("/board"); // again, as the despatcher's next visit: the server's code is warm
            print("warm load", rows, board.timing());

            board.js("document.getElementById('incident-CAD-MANY-7').vigilMark = 1;");
            try (Browser other = room.browser("controller")) {
                other.go("/incidents/CAD-MANY-1500");
                Stopwatch.watch(board, "assigned", "#incident-CAD-MANY-1500", "CE-1");
                WebElement unit = other.find(By.id("assign-unitId"));
                unit.sendKeys("CE-1");
                long sent = Stopwatch.now(other);
                unit.sendKeys(org.openqa.selenium.Keys.ENTER);
                long delay = Stopwatch.slowest(List.of(board), "assigned", sent);
                System.out.printf("web: on the 2,000-incident board, an assignment made in another browser showed %d ms"
                        + " after its click%n", delay);
            }
            assertThat(board.js("return document.getElementById('incident-CAD-MANY-7').vigilMark === 1;"))
                    .as("the other rows are not redrawn").isEqualTo(true);
            board.screenshots("board-2000");
        }
    }

    private static void print(String which, int rows, Map<String, Object> t) {
        System.out.printf("web: board of %d open incidents, %s: first byte %.0f ms, last byte %.0f ms, DOM ready %.0f ms,"
                + " loaded %.0f ms (from navigation start)%n", rows, which, number(t.get("ttfb")),
                number(t.get("responseEnd")), number(t.get("dom")), number(t.get("load")));
    }

    private static double number(Object o) {
        return o instanceof Number x ? x.doubleValue() : -1;
    }

    private static List<String> ids(Browser b) {
        return b.all(By.cssSelector("#board-rows tr")).stream()
                .map(r -> r.getAttribute("id").substring("incident-".length())).toList();
    }

    private static String countdown(Browser b, String id) {
        return b.text(By.cssSelector("#incident-" + id + " [data-target-at]"));
    }
}
