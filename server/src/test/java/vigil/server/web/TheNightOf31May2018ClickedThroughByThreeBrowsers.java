package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vigil.server.web.browser.Browser;
import vigil.server.web.browser.Stopwatch;

/**
 * The IOPC's night (examples/2018-divert-handled.json), clicked through in three browsers open at once — the call
 * handler, the despatcher, the controller — with the inspector's beside them: the woman's call is taken and graded S,
 * a unit is sent; the knife call comes, graded I, and the despatcher diverts the unit, seeing first what her incident
 * loses. Without a reload anywhere, her incident shows its DIVERT tag on the boards and the controller has the review
 * before them, both incidents side by side with their countdowns running; the approval puts a reallocation task before
 * the inspector, who tasks it, and the despatcher sends the nearest available unit. How long each change took to show
 * in the other browsers is printed (a figure, not an assertion).
 */
class TheNightOf31May2018ClickedThroughByThreeBrowsers {
    private static WebRoom room;
    private final List<Long> delays = new ArrayList<>();

    @BeforeAll
    static void open() {
        room = WebRoom.open(Map.of());
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    void theDivertIsSeenReviewedApprovedAndTheWomansCallGetsAnotherUnit() {
        try (Browser handler = room.browser("call-handler"); Browser despatcher = room.browser("despatcher");
             Browser controller = room.browser("controller"); Browser inspector = room.browser("inspector")) {
            despatcher.go("/board");
            controller.go("/board");

            // 23:54 — her call, taken from the keyboard, graded S.
            String hers = takeCall(handler, "07700 900123", "Flat 2, 10 Example Road, London SE1 1AA", "51.498, -0.090",
                    "v", "Someone banging on the door and buzzing; she believes it may be her ex-husband", "S",
                    "Suspicious circumstances", List.of(despatcher, controller), "her incident on the other boards");

            // 23:58 — the despatcher sends the nearest unit, recommended first with its ETA.
            despatcher.find(By.linkText(hers)).click();
            despatcher.awaitReady();
            WebElement first = despatcher.find(By.cssSelector("#assign .offers li"));
            assertThat(first.getText()).contains("SE-1", "ETA");
            despatcher.check("incident-assign");
            Stopwatch.watch(controller, "assigned", "#incident-" + hers, "SE-1");
            long sent = Stopwatch.now(despatcher);
            despatcher.find(By.id("assign-SE-1")).click();
            despatcher.waitUntil(d -> d.findElement(By.id("assign")).getText().contains("SE-1 assigned to " + hers));
            measure("an assignment on the controller's board", List.of(controller), "assigned", sent);
            room.command("SE-1", "{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"" + hers + "\",\"unitId\":\"SE-1\"}");
            despatcher.waitUntil(d -> d.findElement(By.id("summary")).getText().contains("SE-1 en route, acknowledged"));

            // 00:03 — the knife call, graded I.
            despatcher.go("/board");
            handler.go("/calls/new");
            String knife = takeCall(handler, "+44 7700 900456", "Example High Street, London SE1 2BB", "51.487, -0.071",
                    "w", "Fight in the street, one man has a knife", "I", "Violence", List.of(despatcher, controller),
                    "the knife incident on the other boards");
            handler.go("/board");

            // 00:04 — the divert, from the unit board: what her incident loses is shown before it is sent.
            despatcher.go("/units");
            despatcher.check("units");
            despatcher.find(By.linkText("Divert SE-1…")).click();
            despatcher.awaitReady();
            String loss = despatcher.text(By.id("divert-loss"));
            assertThat(loss).contains("What " + hers + " loses", "Significant", "It will have no unit");
            new Select(despatcher.find(By.id("divert-toIncidentId"))).selectByValue(knife);
            despatcher.find(By.id("divert-reason")).sendKeys(Keys.ENTER);
            despatcher.waitUntil(d -> !d.findElements(By.id("divert-reason-error")).isEmpty());
            assertThat(despatcher.text(By.id("divert-reason-error"))).as("a divert needs its reason")
                    .contains("Required");
            despatcher.check("divert-refused-at-field");

            controller.go("/reviews");
            Stopwatch.watch(handler, "tagged", "#incident-" + hers + " .badge.divert", null);
            Stopwatch.watch(controller, "review", "#review-list", hers);
            despatcher.find(By.id("divert-reason")).sendKeys("Immediate: man with a knife");
            sent = Stopwatch.now(despatcher);
            despatcher.find(By.id("divert-reason")).sendKeys(Keys.ENTER);
            despatcher.waitUntil(d -> d.findElement(By.id("divert")).getText().contains("SE-1 diverted to " + knife));
            despatcher.check("divert-sent");
            measure("the DIVERT tag on the call handler's board", List.of(handler), "tagged", sent);
            measure("the review request on the controller's list", List.of(controller), "review", sent);
            assertThat(handler.text(By.id("incident-" + hers))).contains("DIVERT", "UNRESOURCED");

            // 00:06 — the controller weighs the two incidents side by side and approves.
            controller.find(By.partialLinkText("Review: SE-1 diverted from " + hers)).click();
            controller.awaitReady();
            String left = controller.text(By.id("card-" + hers));
            String went = controller.text(By.id("card-" + knife));
            assertThat(left).contains("IT LEFT", "Significant", "DIVERT", "UNRESOURCED", "Time left");
            assertThat(went).contains("IT WENT TO", "Immediate", "SE-1");
            assertThat(controller.text(By.id("pair"))).contains("Immediate: man with a knife");
            String countdown = controller.text(By.cssSelector("#card-" + hers + " [data-target-at]"));
            controller.waitUntil(d -> !d.findElement(By.cssSelector("#card-" + hers + " [data-target-at]")).getText()
                    .equals(countdown));
            controller.check("review");
            inspector.go("/reallocations");
            assertThat(inspector.text(By.id("reallocation-list"))).contains("No incident is waiting");
            Stopwatch.watch(inspector, "task", "#reallocation-list", hers);
            controller.find(By.id("decide-approve")).sendKeys(Keys.SPACE);
            controller.type(Keys.TAB, "Knife call outweighs; find another unit for " + hers);
            sent = Stopwatch.now(controller);
            controller.type(Keys.ENTER);
            controller.waitUntil(d -> d.findElement(By.id("decide-form")).getText().contains("Approved"));
            controller.check("review-approved");
            measure("the reallocation task on the inspector's desk", List.of(inspector), "task", sent);

            // 00:08 — the inspector tasks it; 00:09 — the despatcher sends the nearest available unit.
            assertThat(inspector.text(By.id("card-" + hers))).contains("NEEDS A UNIT", "REALLOCATION REQUESTED");
            assertThat(inspector.text(By.id("reallocation-list"))).contains("SE-2", "ETA");
            inspector.check("reallocations");
            inspector.find(By.id("task-" + hers + "-note")).sendKeys("SE-2 free in Walworth", Keys.ENTER);
            inspector.waitUntil(d -> d.findElement(By.id("desk-status")).getText().contains("Tasked"));
            despatcher.go("/incidents/" + hers);
            assertThat(despatcher.text(By.id("timeline"))).contains("Divert approved",
                    "Reallocation requested", "Reallocation tasked");
            WebElement nearest = despatcher.find(By.cssSelector("#assign .offers button"));
            String unit = nearest.getAttribute("id").substring("assign-".length());
            nearest.click();
            despatcher.waitUntil(d -> d.findElement(By.id("summary")).getText().contains("ASSIGNED, NOT ACKNOWLEDGED"));
            handler.waitUntil(d -> d.findElement(By.id("incident-" + hers)).getText().contains(unit));
            despatcher.check("incident-reallocated");

            despatcher.go("/map");
            despatcher.waitUntil(d -> d.findElement(By.id("map")).getAttribute("data-drawn") != null);
            assertThat(despatcher.text(By.id("map-list"))).contains("Incident " + hers, "Unit SE-1");
            despatcher.check("map");

            System.out.printf("web: across the 2018 story, a change in one browser showed in the others after"
                    + " %s ms (slowest %d ms)%n", delays, delays.stream().mapToLong(Long::longValue).max().orElse(-1));
        }
    }

    /**
     * The other way the night could go: the controller overrides the divert and the unit is sent back; the despatch
     * room challenges the override and the duty officer decides, each from their own page, each seeing the others'
     * step without a reload.
     */
    @Test
    void anOverrideIsChallengedAndTheDutyOfficerDecides() {
        room.command("admin", "{\"do\":\"AddUnit\",\"unitId\":\"XU-1\",\"callSign\":\"XU1\",\"bcu\":\"SE\","
                + "\"location\":{\"lat\":51.50,\"lon\":-0.09}}"); // a unit of its own, whatever the other story did
        room.incident("CAD-HERS", "S", "Flat 2, 10 Example Road, London SE1 1AA");
        room.incident("CAD-KNIFE", "I", "Example High Street, London SE1 2BB");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-HERS\",\"unitId\":\"XU-1\"}");
        room.command("despatcher", "{\"do\":\"DivertUnit\",\"unitId\":\"XU-1\",\"toIncidentId\":\"CAD-KNIFE\","
                + "\"reason\":\"knife\"}");
        try (Browser controller = room.browser("controller"); Browser despatcher = room.browser("despatcher");
             Browser duty = room.browser("duty-officer")) {
            despatcher.go("/challenges");
            controller.find(By.partialLinkText("diverted from CAD-HERS")).click();
            controller.awaitReady();
            controller.find(By.id("decide-override")).sendKeys(Keys.SPACE);
            controller.type(Keys.TAB, "Her call has a history; send the unit back", Keys.ENTER);
            controller.waitUntil(d -> d.findElement(By.id("decide-form")).getText().contains("Overridden"));
            controller.waitUntil(d -> d.findElement(By.id("pair")).getText().contains("OVERRIDDEN"));

            despatcher.waitUntil(d -> d.findElement(By.id("challenge-list")).getText().contains("CAD-HERS"));
            despatcher.check("challenges-override");
            despatcher.find(By.id("challenge-CAD-HERS-note")).sendKeys("The knife call has no other unit", Keys.ENTER);
            despatcher.waitUntil(d -> d.findElement(By.id("desk-status")).getText().contains("Challenged"));

            duty.waitUntil(d -> d.findElement(By.id("challenge-list")).getText().contains("the override is challenged"));
            duty.find(By.cssSelector("#challenge-list input[value='UPHOLD_OVERRIDE']")).sendKeys(Keys.SPACE);
            duty.type(Keys.TAB, "Her safety first", Keys.ENTER);
            duty.waitUntil(d -> d.findElement(By.id("desk-status")).getText().contains("Decided: the override stands."));
            duty.check("challenge-decided");
            assertThat(room.get("duty-officer", "/api/incidents/CAD-HERS").get("committedUnits").toString())
                    .contains("XU-1");
        }
    }

    /** Takes a call on the call handler's page from the keyboard and makes it an incident; its id. */
    private String takeCall(Browser handler, String cli, String address, String place, String callerKey,
                            String narrative, String grade, String type, List<Browser> others, String what) {
        handler.find(By.id("call-cli")).sendKeys(cli, Keys.TAB, address, Keys.TAB, place, Keys.TAB, callerKey,
                Keys.TAB, narrative, Keys.TAB, Keys.ENTER);
        handler.waitUntil(d -> d.getCurrentUrl().matches(".*/calls/CALL-.*"));
        handler.awaitReady();
        handler.find(By.id("grade-grade")).sendKeys(grade);
        handler.type(Keys.TAB, type, Keys.TAB);
        for (Browser b : others) {
            Stopwatch.watch(b, "created " + type, "#board-rows tr", type);
        }
        long sent = Stopwatch.now(handler);
        handler.type(Keys.TAB, Keys.ENTER);
        handler.waitUntil(d -> d.getCurrentUrl().matches(".*/incidents/CAD-.*"));
        String id = handler.driver().getCurrentUrl().replaceAll(".*/incidents/", "");
        measure(what, others, "created " + type, sent);
        return id;
    }

    private void measure(String what, List<Browser> browsers, String key, long sent) {
        long slowest = Stopwatch.slowest(browsers, key, sent);
        delays.add(slowest);
        System.out.printf("web: %s, %d ms after the click%n", what, slowest);
    }
}
