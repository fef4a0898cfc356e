package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.web.Fill.choose;
import static vigil.server.web.Fill.type;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import vigil.server.web.browser.Browser;
import vigil.server.web.browser.CuttableLink;

/**
 * What a person sees when what they send cannot be done (docs/adr/120, docs/audit-4.md): a login that ended while the
 * page was open (here: logged out in another window of the same browser, as a timeout or a restart ends it) is said
 * on the login page, and after logging in again they are back on their page with what they had typed, not sent; a
 * request that gets no answer is said at once; a refusal is said in words a person reads, even when the form it
 * belongs to has left its list.
 */
class NothingAPageSendsIsLostInSilence {
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
    void aCallTypedAsTheLoginEndsComesBackAfterLoggingInAgainAndIsRecordedOnce() {
        try (Browser b = room.browser("call-handler")) {
            assertThat(b.driver().getCurrentUrl()).endsWith("/calls/new");
            type(b, "call-cli", "07700 900555");
            type(b, "call-address", "7 Ended Lane, London SE1 7EL");
            type(b, "call-narrative", "Shouting next door, a child crying");
            logOutInAnotherWindow(b);

            b.find(By.id("record-call")).sendKeys(Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().contains("/login"));
            assertThat(b.text(By.id("login-ended"))).contains("Your login has ended");
            b.check("login-ended");

            b.type("call-handler", Keys.TAB).type(room.password("call-handler"), Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().endsWith("/calls/new"));
            b.awaitReady();
            b.waitUntil(d -> b.text(By.id("notice")).contains("What you had typed is back"));
            assertThat(value(b, "call-cli")).isEqualTo("07700 900555");
            assertThat(value(b, "call-address")).isEqualTo("7 Ended Lane, London SE1 7EL");
            assertThat(value(b, "call-narrative")).isEqualTo("Shouting next door, a child crying");
            b.waitUntil(d -> b.text(By.id("check")).contains("No scheme and no earlier calls"));
            assertThat(calls()).as("nothing was recorded while logged out").doesNotContain("7 Ended Lane");
            b.check("call-typed-back");

            b.find(By.id("record-call")).sendKeys(Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().contains("/calls/CALL-"));
            assertThat(calls().split("7 Ended Lane", -1)).as("recorded once").hasSize(2);
        }
    }

    @Test
    void aSchemeRequestSentAsTheLoginEndsComesBackAfterLoggingInAgain() {
        try (Browser oic = room.browser("oic")) {
            oic.go("/schemes/new");
            type(oic, "request-schemeId", "SCH-ENDED");
            type(oic, "request-address", "Flat 9, 3 Ended Road, London SE1 9EE");
            type(oic, "request-victimName", "Ms E");
            choose(oic, "request-contactMethod", "Phone");
            logOutInAnotherWindow(oic);

            oic.find(By.id("request-submit")).sendKeys(Keys.ENTER);
            oic.waitUntil(d -> d.getCurrentUrl().contains("/login"));
            assertThat(oic.text(By.id("login-ended"))).contains("Your login has ended");
            assertThat(oic.driver().getPageSource()).doesNotContain("Not allowed");

            oic.type("oic", Keys.TAB).type(room.password("oic"), Keys.ENTER);
            oic.waitUntil(d -> d.getCurrentUrl().endsWith("/schemes/new"));
            oic.awaitReady();
            oic.waitUntil(d -> oic.text(By.id("notice")).contains("What you had typed is back"));
            assertThat(value(oic, "request-schemeId")).isEqualTo("SCH-ENDED");
            assertThat(value(oic, "request-address")).isEqualTo("Flat 9, 3 Ended Road, London SE1 9EE");
            assertThat(value(oic, "request-victimName")).isEqualTo("Ms E");
            assertThat(value(oic, "request-contactMethod")).isEqualTo("PHONE");
            oic.check("scheme-request-typed-back");
        }
    }

    @Test
    void aBoardWhoseLoginEndedTakesItsPersonToLogInAndBackToTheBoard() {
        try (Browser b = room.browser("despatcher")) {
            b.go("/units");
            logOutInAnotherWindow(b);
            // The next event makes the page fetch a fragment, which its ended login refuses.

            room.command("despatcher", "{\"do\":\"ReportUnitLocation\",\"unitId\":\"SE-1\","
                    + "\"location\":{\"lat\":51.49,\"lon\":-0.08}}");
            b.waitUntil(d -> d.getCurrentUrl().contains("/login"));
            assertThat(b.text(By.id("login-ended"))).contains("Your login has ended");
            assertThat(b.driver().getPageSource()).as("no page inside a page").doesNotContain("unit-SE-1");

            b.type("despatcher", Keys.TAB).type(room.password("despatcher"), Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().endsWith("/units"));
            b.awaitReady();
            assertThat(b.text(By.id("notice"))).contains("back where you were");
        }
    }

    @Test
    void aRegradeHalfTypedWhenTheLoginEndsComesBackAfterLoggingInAgain() {
        room.incident("CAD-HALF", "E", "9 Half Road, London SE1 9HH");
        try (Browser b = room.browser("controller")) {
            b.go("/incidents/CAD-HALF");
            type(b, "regrade-reason", "caller now says he has a knife");
            logOutInAnotherWindow(b);
            // The incident changes: the page's live fragment is asked for again, and the ended login refuses it.
            room.command("call-handler", "{\"do\":\"RecordCall\",\"callId\":\"C-HALF-2\","
                    + "\"address\":\"9 Half Road, London SE1 9HH\"}");
            room.command("call-handler", "{\"do\":\"LinkCall\",\"callId\":\"C-HALF-2\",\"incidentId\":\"CAD-HALF\"}");
            b.waitUntil(d -> d.getCurrentUrl().contains("/login"));
            b.type("controller", Keys.TAB).type(room.password("controller"), Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().endsWith("/incidents/CAD-HALF"));
            b.awaitReady();
            assertThat(value(b, "regrade-reason")).isEqualTo("caller now says he has a knife");
        }
    }

    @Test
    void aFormSentWhileTheServerCannotBeReachedSaysItWasNotAnswered() {
        try (CuttableLink link = CuttableLink.to(room.server().base());
             Browser b = room.browser("call-handler", link.base())) {
            type(b, "call-cli", "07700 900777");
            type(b, "call-address", "1 Unreachable Street, London SE1 1UU");
            b.waitUntil(d -> !b.text(By.id("check")).contains("Enter the number"));
            link.cut();
            b.find(By.id("record-call")).sendKeys(Keys.ENTER);
            b.waitUntil(Duration.ofSeconds(25), d -> b.text(By.id("notice")).contains("No answer"));
            assertThat(b.text(By.id("notice"))).contains("may or may not have been done");
            assertThat(value(b, "call-address")).isEqualTo("1 Unreachable Street, London SE1 1UU");
            link.restore();
        }
    }

    @Test
    void aDecisionSentAfterSomeoneElseMadeItIsRefusedInWordsAboveTheList() {
        room.incident("CAD-RACE-S", "S", "2 Race Road, London SE1 2RR");
        room.incident("CAD-RACE-I", "I", "3 Race Road, London SE1 3RR");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-RACE-S\",\"unitId\":\"SE-2\"}");
        room.command("despatcher", "{\"do\":\"DivertUnit\",\"unitId\":\"SE-2\",\"toIncidentId\":\"CAD-RACE-I\","
                + "\"reason\":\"Immediate: a knife\"}");
        room.command("controller", "{\"do\":\"ReviewDivert\",\"incidentId\":\"CAD-RACE-S\",\"decision\":\"OVERRIDE\","
                + "\"note\":\"the S call has a vulnerable caller\"}");
        room.command("despatcher", "{\"do\":\"ChallengeOverride\",\"incidentId\":\"CAD-RACE-S\","
                + "\"note\":\"the I call is a knife\"}");
        try (Browser duty = room.browser("duty-officer")) {
            assertThat(duty.driver().getCurrentUrl()).endsWith("/challenges");
            duty.waitUntil(d -> duty.text(By.id("challenge-list")).contains("CAD-RACE-S"));
            // Another duty officer decides first; this page's list follows, and then this one's press arrives.
            room.command("duty-officer", "{\"do\":\"ResolveChallenge\",\"incidentId\":\"CAD-RACE-S\","
                    + "\"decision\":\"UPHOLD_OVERRIDE\",\"note\":\"the override stands\"}");
            duty.waitUntil(d -> !duty.text(By.id("challenge-list")).contains("CAD-RACE-S"));
            duty.js("htmx.ajax('POST', '/challenges/CAD-RACE-S', {target: '#challenge-list', swap: 'outerHTML',"
                    + " values: {decision: 'ALLOW_DIVERT', note: 'let it go'}});");
            duty.waitUntil(d -> duty.text(By.id("desk-status")).contains("Not done for CAD-RACE-S"));
            assertThat(duty.find(By.id("desk-status")).getAttribute("role")).isEqualTo("alert");
            assertThat(duty.text(By.id("desk-status"))).contains("no longer on this list");
            duty.check("challenge-refused-after-the-list-moved");
        }
    }

    /**
     * A desk is offered its own forms only (the engine's table of who may send what), and a form that reaches the
     * server from another desk anyway (a page older than a change of role, a hand-made request) is refused in words.
     */
    @Test
    void aRoleThatMayNotActIsNotOfferedTheFormAndIsToldSoInWords() {
        room.incident("CAD-NOT-MINE", "E", "4 Other Desk Road, London SE1 4OD");
        try (Browser b = room.browser("call-handler")) {
            b.go("/units");
            b.waitUntil(d -> !d.findElements(By.cssSelector("tr[id^='unit-']")).isEmpty());
            assertThat(b.driver().findElements(By.cssSelector("select[id^='assign-to-']"))).as("no Assign form")
                    .isEmpty();
            assertThat(b.driver().findElements(By.xpath("//a[starts-with(normalize-space(), 'Divert ')]")))
                    .as("no Divert link").isEmpty();
            String unit = (String) b.js("return document.querySelector(\"tr[id^='unit-']\").id.substring(5);");
            b.js("htmx.ajax('POST', '/units/" + unit + "/assign', {target: '#unit-" + unit + "', swap: 'outerHTML',"
                    + " values: {incidentId: 'CAD-NOT-MINE'}});");
            String row = "#unit-" + unit + " .message.bad";
            b.waitUntil(d -> !d.findElements(By.cssSelector(row)).isEmpty());
            assertThat(b.text(By.cssSelector(row)))
                    .isEqualTo("Your role may not do this, so nothing was recorded. It is another desk's work.")
                    .doesNotContain("CALL_HANDLER", "AssignUnit");
            b.go("/incidents/CAD-NOT-MINE");
            assertThat(b.driver().findElements(By.id("assign-h"))).as("no assign panel").isEmpty();
            assertThat(b.driver().findElements(By.id("close-form"))).as("no close form").isEmpty();
            assertThat(b.driver().findElements(By.id("regrade-form"))).as("a call handler regrades").isNotEmpty();
        }
        try (Browser b = room.browser("despatcher")) {
            b.go("/incidents/CAD-NOT-MINE");
            b.waitUntil(d -> !d.findElements(By.id("assign-h")).isEmpty());
            assertThat(b.driver().findElements(By.id("close-form"))).as("a despatcher closes").isNotEmpty();
            assertThat(b.driver().findElements(By.id("regrade-form"))).as("a despatcher does not regrade").isEmpty();
        }
    }

    @Test
    void aFormWhosePageIsOutOfDateAfterLoggingInAgainElsewhereSaysItWasNotDone() {
        try (Browser b = room.browser("call-handler")) {
            type(b, "call-address", "6 Stale Token Road, London SE1 6ST");
            // In another window of the same browser: logged out and in again, so this page's CSRF token is stale.
            String first = b.driver().getWindowHandle();
            b.driver().switchTo().newWindow(WindowType.TAB);
            b.go("/notices");
            b.find(By.xpath("//button[normalize-space()='Log out']")).sendKeys(Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().contains("/login?logout"));
            b.type("call-handler", Keys.TAB).type(room.password("call-handler"), Keys.ENTER);
            b.waitUntil(d -> !d.getCurrentUrl().contains("/login"));
            b.driver().close();
            b.driver().switchTo().window(first);

            b.find(By.id("record-call")).sendKeys(Keys.ENTER);
            b.waitUntil(d -> b.text(By.id("notice")).contains("That was not done"));
            assertThat(b.text(By.id("notice"))).contains("403");
            assertThat(value(b, "call-address")).isEqualTo("6 Stale Token Road, London SE1 6ST");
        }
    }

    @Test
    void aDespatcherRelaysACrewsRadioFromTheIncidentPage() {
        // A unit outside the demo shift's crews, so no simulated crew answers for it.
        room.command("admin", "{\"do\":\"AddUnit\",\"unitId\":\"XR-1\",\"callSign\":\"XR1\",\"bcu\":\"SE\","
                + "\"location\":{\"lat\":51.50,\"lon\":-0.09}}");
        room.incident("CAD-RADIO", "S", "8 Radio Road, London SE1 8RR");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-RADIO\",\"unitId\":\"XR-1\"}");
        try (Browser b = room.browser("despatcher")) {
            b.go("/incidents/CAD-RADIO");
            b.find(By.xpath("//button[normalize-space()='XR-1 acknowledged']")).sendKeys(Keys.ENTER);
            b.waitUntil(d -> b.text(By.id("crew-status")).contains("XR-1 acknowledged."));
            b.find(By.xpath("//button[normalize-space()='XR-1 at the scene']")).sendKeys(Keys.ENTER);
            b.waitUntil(d -> b.text(By.id("crew-status")).contains("XR-1 recorded at the scene."));
            b.waitUntil(d -> b.text(By.id("summary")).contains("AT SCENE"));
            b.check("incident-crew-relayed");
            assertThat(room.get("despatcher", "/api/incidents/CAD-RADIO").path("state").asString())
                    .isEqualTo("ATTENDED");
        }
    }

    /** Logs out in a second tab of the same browser (one session), then comes back to the first. */
    private static void logOutInAnotherWindow(Browser b) {
        String first = b.driver().getWindowHandle();
        b.driver().switchTo().newWindow(WindowType.TAB);
        b.go("/notices");
        b.find(By.xpath("//button[normalize-space()='Log out']")).sendKeys(Keys.ENTER);
        b.waitUntil(d -> d.getCurrentUrl().contains("/login?logout"));
        b.driver().close();
        b.driver().switchTo().window(first);
    }

    private static String value(Browser b, String id) {
        return b.find(By.id(id)).getAttribute("value");
    }

    private String calls() {
        return room.get("call-handler", "/api/events?limit=1000").toString();
    }
}
