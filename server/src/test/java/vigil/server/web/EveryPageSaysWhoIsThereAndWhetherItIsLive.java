package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import vigil.server.web.browser.Browser;
import vigil.server.web.browser.CuttableLink;

/**
 * The foundation every page stands on, in a real browser: the login page (from the keyboard, a refusal said at the
 * form), the layout (who is logged in, navigation, log out), the problem pages (in words, never a trace), and the live
 * link: a page cut off from the server shows itself STALE within 30 s of silence, then catches up with nothing missed;
 * one too far behind to be caught up reloads and says why.
 */
class EveryPageSaysWhoIsThereAndWhetherItIsLive {
    private static WebRoom room;

    @BeforeAll
    static void open() {
        // A small catch-up bound, so a page cut off for a few dozen events is sent `reset` when it comes back.
        room = WebRoom.open(Map.of("vigil.live.max-catch-up", 40));
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    void aDespatcherLogsInFromTheKeyboardSeesWhoTheyAreAndLogsOut() {
        try (Browser b = Browser.open(room.server().base(), "despatcher")) {
            b.visit("/login", "login");
            assertThat(b.focused().getAttribute("id")).as("the username has the focus").isEqualTo("username");

            b.type("despatcher", Keys.TAB).type("not the password", Keys.ENTER);
            WebElement refusal = b.find(By.cssSelector(".error-summary"));
            assertThat(refusal.getText()).contains("username or password is not right");
            assertThat(b.find(By.id("password")).getAttribute("aria-invalid")).isEqualTo("true");
            b.check("login-refused");

            b.logIn("despatcher", room.password("despatcher"));
            assertThat(b.driver().getCurrentUrl()).endsWith("/board");
            assertThat(b.text(By.cssSelector(".me"))).contains("despatcher (Despatcher, SE)");
            assertThat(b.text(By.cssSelector("nav a[aria-current='page']"))).isEqualTo("Incidents");
            assertThat(b.text(By.cssSelector("#live .live-text"))).isEqualTo("Live");
            b.check("board-empty");

            WebElement logOut = b.find(By.xpath("//button[normalize-space()='Log out']"));
            logOut.sendKeys(Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().contains("/login?logout"));
            assertThat(b.text(By.cssSelector(".message.ok"))).isEqualTo("You have logged out.");
            b.go("/board");
            assertThat(b.driver().getCurrentUrl()).as("logged out: back to the login").endsWith("/login");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} lands on {1}")
    @org.junit.jupiter.params.provider.CsvSource({"call-handler, /calls/new, Take a call",
            "despatcher, /board, Open incidents", "controller, /reviews, Diverts to review",
            "inspector, /reallocations, Reallocations to task", "duty-officer, /challenges, Overrides and challenges",
            "rtrd, /schemes, Special scheme register", "oic, /schemes/mine, My special schemes",
            "crime-manager, /schemes/escalations, Scheme reviews escalated to you", "qa-reviewer, /qart, QART work queue",
            "admin, /admin/staff, Staff"})
    void eachRoleLandsOnItsOwnWork(String username, String landing, String heading) {
        try (Browser b = room.browser(username)) {
            assertThat(b.driver().getCurrentUrl()).endsWith(landing);
            assertThat(b.text(By.tagName("h1"))).isEqualTo(heading);
            assertThat(b.text(By.cssSelector(".me"))).startsWith(username + " (");
            assertThat(b.find(By.cssSelector("nav a")).getAttribute("href")).as("their own work first")
                    .endsWith(landing.equals("/board") ? "/board" : landing);
            b.check("landing");
        }
    }

    @Test
    void aPageThatCannotBeShownSaysWhyInWordsAndNeverShowsATrace() {
        try (Browser b = room.browser("call-handler")) {
            b.go("/no/such/page");
            assertThat(b.text(By.tagName("h1"))).isEqualTo("Page not found");
            assertThat(b.text(By.cssSelector(".problem-status"))).isEqualTo("404");
            assertNoTrace(b);
            b.check("problem-404");

            // A form sent without the page's CSRF token (as one left open across a new login would be) is refused.
            b.go("/board");
            b.js("var f = document.createElement('form'); f.method = 'post'; f.action = '/board';"
                    + " document.body.appendChild(f); f.submit();");
            b.waitUntil(d -> d.findElements(By.cssSelector(".problem-status")).size() == 1);
            assertThat(b.text(By.cssSelector(".problem-status"))).isEqualTo("403");
            assertThat(b.text(By.tagName("h1"))).isEqualTo("Not allowed");
            assertNoTrace(b);
            b.check("problem-403");
        }
    }

    @Test
    void aBrowserCutOffShowsItselfStaleThenCatchesUpWithNothingMissed() {
        try (CuttableLink link = CuttableLink.to(room.server().base());
             Browser b = room.browser("despatcher", link.base())) {
            b.go("/board");
            link.cut();
            room.incident("CAD-WHILE-CUT", "S", "1 Cut Road, London SE1 1AA");
            room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-WHILE-CUT\",\"unitId\":\"SE-3\"}");
            long cutAt = System.nanoTime();

            b.waitUntil(Duration.ofSeconds(60), d -> "stale".equals(b.liveState()));
            System.out.printf("web: a cut-off page showed itself stale after %.1f s%n",
                    (System.nanoTime() - cutAt) / 1e9);
            assertThat(b.text(By.cssSelector("#live .live-text"))).startsWith("STALE: nothing heard for");
            assertThat(b.text(By.id("notice"))).contains("may be out of date");
            assertThat(b.all(By.id("incident-CAD-WHILE-CUT"))).as("not yet seen").isEmpty();
            b.check("board-stale");

            link.restore();
            b.waitUntil(Duration.ofSeconds(30), d -> "live".equals(b.liveState()));
            b.waitUntil(d -> b.liveSeq() == room.lastSeq());
            b.waitUntil(d -> b.text(By.id("incident-CAD-WHILE-CUT")).contains("SE-3"));
            assertThat(b.text(By.id("notice"))).contains("Back in touch");
            List<String> shown = b.all(By.cssSelector("#board-rows tr")).stream()
                    .map(r -> r.getAttribute("id").substring("incident-".length())).toList();
            assertThat(shown).as("the board as a fresh one shows it")
                    .containsExactlyElementsOf(freshBoard());
            b.check("board-caught-up");
        }
    }

    @Test
    void aBrowserTooFarBehindToCatchUpReloadsAndSaysWhy() {
        try (CuttableLink link = CuttableLink.to(room.server().base());
             Browser b = room.browser("controller", link.base())) {
            b.go("/board");
            link.cut();
            for (int i = 0; i < 25; i++) { // 50 events: more than the stream catches up (40)
                room.incident("CAD-BEHIND-" + i, "E", i + " Behind Street, London SE1 2BB");
            }
            link.restore();
            b.waitUntil(Duration.ofSeconds(60), d -> b.text(By.id("notice")).contains("was reset"));
            assertThat(b.text(By.id("notice")))
                    .contains("reloaded because its live stream was reset (TOO_FAR_BEHIND)");
            b.waitUntil(d -> "live".equals(b.liveState()));
            assertThat(b.all(By.id("incident-CAD-BEHIND-24"))).hasSize(1);
            b.check("board-reloaded");
        }
    }

    private static List<String> freshBoard() {
        try (Browser fresh = room.browser("qa-reviewer")) {
            fresh.go("/board");
            return fresh.all(By.cssSelector("#board-rows tr")).stream()
                    .map(r -> r.getAttribute("id").substring("incident-".length())).toList();
        }
    }

    private static void assertNoTrace(Browser b) {
        String source = b.driver().getPageSource();
        assertThat(source).doesNotContain("Exception", "at vigil.", "at org.", "SQL", "stack");
    }
}
