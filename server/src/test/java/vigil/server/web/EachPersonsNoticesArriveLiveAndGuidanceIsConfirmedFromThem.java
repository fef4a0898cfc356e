package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.web.Fill.errorAt;
import static vigil.server.web.Fill.send;
import static vigil.server.web.Fill.tick;
import static vigil.server.web.Fill.type;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import tools.jackson.databind.JsonNode;
import vigil.server.web.browser.Browser;

/**
 * The mailbox and guidance in real browsers: a divert's review request reaches the controller's open mailbox without a
 * reload, with what it concerns and "unread" in words, and the count in the navigation goes down when it is marked
 * read; older notices are a page away. A duty officer publishes guidance to the despatchers (refused at the field
 * without a title or a role); the despatcher's count goes up on the board they are looking at, they read it in their
 * mailbox and confirm it "read and understood"; the duty officer's page then shows them among those who confirmed and
 * no longer among those who have not. Anyone else is refused publishing. Everything from the keyboard.
 */
class EachPersonsNoticesArriveLiveAndGuidanceIsConfirmedFromThem {
    private static WebRoom room;

    @BeforeAll
    static void open() {
        room = WebRoom.open(Map.of("vigil.web.notices-page", 2)); // two a page, so three notices make two pages
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    void aDivertReviewRequestShowsOnTheControllersOpenMailboxAndMarkingItReadLowersTheCount() {
        try (Browser controller = room.browser("controller")) {
            controller.visit("/notices", "notices-empty");
            assertThat(controller.text(By.id("nav-notices-link"))).isEqualTo("Notices");
            assertThat(controller.find(By.id("nav-notices-link")).getAttribute("aria-current")).isEqualTo("page");
            assertThat(controller.text(By.id("no-notices"))).isEqualTo("No notices yet.");

            room.incident("CAD-MAIL-S", "S", "10 Letter Road, London SE1 1AA");
            room.incident("CAD-MAIL-I", "I", "Post Street, London SE1 2BB");
            room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-MAIL-S\",\"unitId\":\"SE-1\"}");
            room.command("despatcher", "{\"do\":\"AcknowledgeAssignment\",\"incidentId\":\"CAD-MAIL-S\","
                    + "\"unitId\":\"SE-1\"}");
            room.command("despatcher", "{\"do\":\"DivertUnit\",\"unitId\":\"SE-1\",\"toIncidentId\":\"CAD-MAIL-I\","
                    + "\"reason\":\"Immediate: man with a knife\"}");

            // Live: the notice and the count, without a reload.
            String id = controller.waitUntil(d -> d.findElement(By.cssSelector("#notice-list li")).getAttribute("id"));
            String text = controller.text(By.id(id));
            assertThat(text).contains("Review the divert of SE-1 from CAD-MAIL-S", "UNREAD",
                    "Unit SE-1 was diverted from CAD-MAIL-S to CAD-MAIL-I");
            String href = controller.waitUntil(d -> d.findElement(By.cssSelector("#" + id + " .mail-meta a"))
                    .getAttribute("href"));
            assertThat(href).endsWith("/incidents/CAD-MAIL-S");
            assertThat(controller.text(By.cssSelector("#" + id + " .mail-meta a"))).isEqualTo("Incident CAD-MAIL-S");
            controller.waitUntil(d -> controller.text(By.id("nav-notices-link")).equals("Notices (1 unread)"));
            assertThat(controller.text(By.id("unread"))).isEqualTo("1 notice unread.");
            assertThat(room.get("controller", "/api/notices").get("unread").asLong()).isEqualTo(1);
            controller.check("notices-arrived");

            send(controller, "read-" + id.substring("notice-".length()));
            assertThat(Fill.done(controller)).isEqualTo("Marked read: Review the divert of SE-1 from CAD-MAIL-S.");
            assertThat(controller.text(By.id("nav-notices-link"))).isEqualTo("Notices");
            assertThat(controller.text(By.id(id))).contains("READ").doesNotContain("UNREAD");
            assertThat(controller.all(By.id("read-" + id.substring("notice-".length())))).as("read once").isEmpty();
            assertThat(controller.text(By.id("unread"))).isEqualTo("Every notice is read.");
            assertThat(room.get("controller", "/api/notices").get("unread").asLong()).isZero();
            controller.check("notices-read");

            // Two more notices (guidance for controllers): two a page, the divert's is now one page older.
            for (String g : List.of("CTRL-1", "CTRL-2")) {
                room.command("duty-officer", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"" + g + "\",\"title\":\""
                        + "Reviews " + g + "\",\"text\":\"Weigh both incidents.\",\"roles\":[\"CONTROLLER\"]}");
            }
            controller.waitUntil(d -> controller.text(By.id("nav-notices-link")).equals("Notices (2 unread)"));
            controller.waitUntil(d -> !d.findElements(By.id("older")).isEmpty());
            assertThat(controller.text(By.id("notice-list"))).contains("Reviews CTRL-2", "Reviews CTRL-1")
                    .doesNotContain("CAD-MAIL-S");
            send(controller, "older");
            assertThat(controller.text(By.id("notice-list"))).contains("Review the divert of SE-1 from CAD-MAIL-S")
                    .doesNotContain("CTRL-");
            assertThat(controller.all(By.id("older"))).isEmpty();
            controller.check("notices-older");
            send(controller, "newest");
            assertThat(controller.text(By.id("notice-list"))).contains("Reviews CTRL-2");
        }
    }

    @Test
    void aDutyOfficerPublishesGuidanceToDespatchersWhoConfirmItReadAndUnderstood() {
        try (Browser duty = room.browser("duty-officer"); Browser despatcher = room.browser("despatcher");
             Browser otherTab = room.browser("despatcher")) {
            duty.visit("/guidance", "guidance");
            assertThat(duty.text(By.cssSelector("nav a[aria-current='page']"))).isEqualTo("Guidance");
            String gid = duty.find(By.id("publish-guidanceId")).getAttribute("value");
            assertThat(gid).startsWith("G-");

            // Refused at the field: no title, then no role; what was typed is kept.
            type(duty, "publish-title", "");
            type(duty, "publish-text", "Before a divert, read what the incident left loses.\nSay it on the radio.");
            send(duty, "publish-submit");
            assertThat(errorAt(duty, "publish-title")).isEqualTo("Required: fill this in.");
            assertThat(duty.find(By.id("publish-text")).getAttribute("value")).startsWith("Before a divert");
            duty.check("guidance-refused-title");
            type(duty, "publish-title", "Diverts: what the incident left loses");
            send(duty, "publish-submit");
            assertThat(errorAt(duty, "publish-roles")).isEqualTo("Choose at least one role it is for.");
            assertThat(duty.find(By.id("publish-title")).getAttribute("value"))
                    .isEqualTo("Diverts: what the incident left loses");
            duty.check("guidance-refused-roles");

            // The despatcher is at work on the board: the count in the navigation changes there, live.
            long before = unread(despatcher);
            tick(duty, "publish-roles-DESPATCHER");
            send(duty, "publish-submit");
            assertThat(Fill.done(duty)).startsWith("Guidance " + gid + " published to Despatcher");
            String article = "guidance-" + gid;
            assertThat(duty.text(By.id(article + "-unconfirmed"))).contains("Not yet confirmed (1)", "despatcher");
            assertThat(duty.text(By.id(article + "-confirmed"))).contains("Confirmed (0)", "Nobody yet");
            duty.check("guidance-published");

            despatcher.waitUntil(d -> unread(despatcher) == before + 1);
            despatcher.check("board-notice-count");
            send(despatcher, "nav-notices-link");
            // Read inside a wait: the stream may bring the notice again and the list be redrawn meanwhile.
            String id = despatcher.waitUntil(d -> d.findElement(By.xpath("//ol[@id='notice-list']/li[.//h2["
                    + "normalize-space()='Guidance to read and confirm: Diverts: what the incident left loses']]"))
                    .getAttribute("id"));
            String n = id.substring("notice-".length());
            assertThat(despatcher.text(By.cssSelector("#" + id + " .mail-body")))
                    .as("plain text, its line breaks kept")
                    .contains("Before a divert, read what the incident left loses.\nSay it on the radio.");
            despatcher.check("notices-guidance");
            otherTab.go("/notices");

            send(despatcher, "confirm-" + n);
            assertThat(Fill.done(despatcher)).isEqualTo("Recorded: you have read and understood guidance " + gid + ".");
            assertThat(despatcher.text(By.id(id + "-confirmed")))
                    .startsWith("You confirmed you have read and understood this guidance at");
            assertThat(despatcher.all(By.id("confirm-" + n))).as("confirmed once").isEmpty();
            assertThat(unread(despatcher)).as("confirmed is read").isEqualTo(before);
            assertThat(despatcher.text(By.id(id))).doesNotContain("UNREAD");
            despatcher.check("notices-guidance-confirmed");

            // A page drawn before the confirmation still offers it: the engine refuses a second, said at the notice.
            send(otherTab, "confirm-" + n);
            assertThat(Fill.formError(otherTab, id)).contains("already confirmed guidance " + gid);
            otherTab.check("notices-guidance-confirmed-twice");

            // The duty officer's page, open all along, has it without a reload; the API says the same.
            duty.waitUntil(d -> duty.text(By.id(article + "-confirmed")).contains("despatcher at"));
            assertThat(duty.text(By.id(article + "-unconfirmed"))).contains("Not yet confirmed (0)")
                    .doesNotContain("despatcher");
            duty.check("guidance-confirmed");
            JsonNode g = room.get("duty-officer", "/api/guidance/" + gid);
            assertThat(g.get("confirmed").get(0).get("staffId").asString()).isEqualTo("despatcher");
            assertThat(g.get("unconfirmed")).isEmpty();
        }
    }

    /**
     * Being read is not an event of the log, so no frame carries it: a notice marked read in one of a person's tabs
     * still lowers the count their other tabs show (the browser tells its own tabs).
     */
    @Test
    void aNoticeReadInOneTabLowersTheCountTheOtherTabsShow() {
        try (Browser qa = room.browser("qa-reviewer")) {
            qa.go("/board");
            long before = unread(qa);
            room.command("duty-officer", "{\"do\":\"PublishGuidance\",\"guidanceId\":\"TABS-1\",\"title\":"
                    + "\"Two tabs\",\"text\":\"Read in one, counted in both.\",\"roles\":[\"QA_REVIEWER\"]}");
            qa.waitUntil(d -> unread(qa) == before + 1);
            String board = qa.driver().getWindowHandle();

            qa.driver().switchTo().newWindow(WindowType.TAB);
            qa.go("/notices");
            String id = qa.waitUntil(d -> d.findElements(By.cssSelector("#notice-list li")).stream()
                    .filter(li -> li.getText().contains("Two tabs")).findFirst().orElseThrow().getAttribute("id"));
            send(qa, "read-" + id.substring("notice-".length()));
            assertThat(unread(qa)).isEqualTo(before);

            qa.driver().switchTo().window(board);
            qa.waitUntil(d -> unread(qa) == before);
        }
    }

    /** The unread count the navigation's link says: "Notices", or "Notices (N unread)". */
    private static long unread(Browser b) {
        String label = b.text(By.id("nav-notices-link"));
        return label.equals("Notices") ? 0 : Long.parseLong(label.replaceAll("^Notices \\((\\d+) unread\\)$", "$1"));
    }

    @Test
    void nobodyButAnAdministratorOrADutyOfficerPublishesGuidance() {
        try (Browser despatcher = room.browser("despatcher")) {
            despatcher.visit("/guidance", "guidance-read-only");
            assertThat(despatcher.all(By.id("publish-form"))).isEmpty();
            // The form the page does not offer, sent anyway with the page's own CSRF token: refused as the API refuses.
            despatcher.js("var f = document.createElement('form'); f.method = 'post'; f.action = '/guidance';"
                    + " [['_csrf', document.querySelector('meta[name=\"csrf-token\"]').content],"
                    + "  ['guidanceId', 'G-SELF'], ['title', 'Mine'], ['text', 'Mine'], ['roles', 'DESPATCHER']]"
                    + " .forEach(function (p) { var i = document.createElement('input'); i.type = 'hidden';"
                    + "   i.name = p[0]; i.value = p[1]; f.appendChild(i); });"
                    + " document.body.appendChild(f); window.__vigilBefore = true; f.submit();");
            despatcher.waitUntil(d -> !Boolean.TRUE.equals(despatcher.js("return window.__vigilBefore === true;")));
            assertThat(despatcher.text(By.cssSelector(".problem-status"))).isEqualTo("403");
            assertThat(despatcher.driver().getPageSource()).doesNotContain("Exception", "at vigil.");
            despatcher.check("guidance-refused");
            assertThat(room.server().get("despatcher", "/api/guidance/G-SELF").status()).isEqualTo(404);
        }
    }
}
