package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.web.Fill.choose;
import static vigil.server.web.Fill.errorAt;
import static vigil.server.web.Fill.send;
import static vigil.server.web.Fill.tick;
import static vigil.server.web.Fill.type;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import vigil.server.db.Database;
import vigil.server.testing.SettableClock;
import vigil.server.web.browser.Browser;

/**
 * The special-scheme story of the seed, clicked through by the people who work it. The OIC sends Form 4564; the RTRD
 * sees at once (live, no reload) what an incomplete one lacks, cannot activate it, rejects it saying why, and activates
 * a complete one. A call from the scheme's number written differently matches it. The OIC records every contact
 * attempt (a failed one too), is refused a review decision until the victim has been tried since the review began,
 * then extends; a scheme nobody decided goes to the crime manager of its BCU fourteen days later, on their page
 * without a reload. Victim details show only to the RTRD, the OIC and the crime manager, and each such page is
 * recorded. Every page is checked by axe and photographed at both sizes.
 *
 * <p>The call handler's banner is the call-taking page's (another branch): here the call comes through the API and
 * the story checks what the scheme pages and {@code /api/calls} show of the match.
 */
class ASchemeIsCheckedActivatedWorkedAndEscalated {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static SettableClock clock;
    private static WebRoom room;

    @BeforeAll
    static void open() {
        clock = new SettableClock(START);
        room = WebRoom.open(Map.of(), clock);
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    void theRtrdChecksTheOicWorksAndTheCrimeManagerSeesWhatIsLeftUndecided() throws Exception {
        try (Browser oic = room.browser("oic"); Browser rtrd = room.browser("rtrd")) {
            assertThat(oic.driver().getCurrentUrl()).as("the OIC lands on their work list").endsWith("/schemes/mine");
            oic.check("schemes-mine-empty");
            assertThat(rtrd.driver().getCurrentUrl()).as("the RTRD lands on the register").endsWith("/schemes");
            rtrd.check("schemes-register-empty");

            // Form 4564, first without a reference at all: refused at the field.
            oic.visit("/schemes/new", "scheme-request");
            type(oic, "request-schemeId", "");
            send(oic, "request-submit");
            assertThat(errorAt(oic, "request-schemeId")).contains("Required");
            oic.check("scheme-request-refused");

            // An incomplete form (no CRIS reference, no contact method) is recorded as given...
            type(oic, "request-schemeId", "SCH-A");
            type(oic, "request-address", "Flat 2, 10 Example Road, London SE1 1AA");
            type(oic, "request-victimName", "Ms A");
            type(oic, "request-instructions", "Immediate response; caller may not be able to speak");
            send(oic, "request-submit");
            assertThat(Fill.done(oic)).contains("Form 4564 for scheme SCH-A submitted");

            // ...and the RTRD's register shows it at once, with what it lacks.
            rtrd.waitUntil(d -> !d.findElements(By.id("scheme-SCH-A")).isEmpty());
            assertThat(rtrd.find(By.id("scheme-SCH-A")).getText())
                    .contains("FORM INCOMPLETE", "the victim's preferred contact method", "the CRIS reference");
            rtrd.check("schemes-register-incomplete");

            rtrd.visit("/schemes/SCH-A", "scheme-incomplete");
            assertThat(rtrd.find(By.id("rtrd-check")).getText()).contains("Incomplete", "the CRIS reference");
            assertThat(rtrd.find(By.id("victim-details")).getText()).contains("Ms A");
            send(rtrd, "activate-submit");
            assertThat(Fill.formError(rtrd, "activate")).contains("missing", "the CRIS reference");
            rtrd.check("scheme-activate-refused");
            send(rtrd, "reject-submit");
            assertThat(errorAt(rtrd, "reject-reason")).contains("Required");
            type(rtrd, "reject-reason", "No CRIS reference and no way to reach the victim");
            send(rtrd, "reject-submit");
            assertThat(Fill.done(rtrd)).contains("SCH-A rejected");

            // Two complete forms: SCH-B (worked by the OIC) and SCH-C (left undecided).
            request(oic, "SCH-B", "+44 7700 900123", "Flat 3, 12 Example Road, London SE1 1AB");
            oic.check("scheme-requested");
            request(oic, "SCH-C", "07700 900456", "4 Quiet Lane, London SE1 3CC");
            rtrd.visit("/schemes/SCH-B", "scheme-complete");
            assertThat(rtrd.find(By.id("rtrd-check")).getText()).contains("Complete");
            send(rtrd, "activate-submit");
            assertThat(Fill.done(rtrd)).contains("SCH-B is on CAD");
            rtrd.go("/schemes/SCH-C");
            send(rtrd, "activate-submit");
            rtrd.visit("/schemes", "schemes-register");
            assertThat(rtrd.find(By.id("active")).getText()).contains("SCH-B", "SCH-C", "VICTIM NOT YET TOLD");
            assertThat(rtrd.find(By.id("scheme-SCH-A")).getText()).contains("REJECTED");

            // A call from SCH-B's number, written another way, matches it (through the API: see the class comment).
            oic.go("/schemes/SCH-B");
            room.command("call-handler", "{\"do\":\"RecordCall\",\"callId\":\"C-77\",\"cli\":\"07700900123\","
                    + "\"address\":\"Somewhere else, London SE9 9ZZ\"}");
            JsonNode call = room.get("call-handler", "/api/calls/C-77");
            assertThat(call.get("schemes").get(0).get("schemeId").asString()).isEqualTo("SCH-B");
            assertThat(call.get("schemes").get(0).get("matchedOn").asString()).isEqualTo("CLI");
            oic.waitUntil(d -> oic.find(By.id("history")).getText().contains("Call C-77 matched on its number"));

            // The OIC tells the victim: every attempt recorded, the failed one too; an attempt without an outcome is
            // refused at the field.
            type(oic, "contact-method", "Phone");
            send(oic, "contact-submit");
            assertThat(errorAt(oic, "contact-outcome")).contains("Required");
            oic.check("scheme-contact-refused");
            contact(oic, "contact-outcome-NO_ANSWER");
            contact(oic, "contact-outcome", "contact-explained", "contact-explained-DURATION");
            assertThat(oic.find(By.id("contacts")).getText()).contains("CONTACTED", "NO ANSWER",
                    "what a special scheme is; how long it lasts");
            oic.check("scheme-contacts");
            oic.visit("/schemes/mine", "schemes-mine");
            assertThat(oic.find(By.id("contacts-due")).getText()).contains("SCH-C").doesNotContain("SCH-B");

            // Victim details: not for a despatcher; each page that shows them to the others is recorded.
            try (Browser despatcher = room.browser("despatcher")) {
                despatcher.visit("/schemes/SCH-B", "scheme-as-despatcher");
                assertThat(despatcher.find(By.id("victim-details")).getText()).contains("not shown to your role");
                assertThat(despatcher.driver().getPageSource()).doesNotContain("Ms B");
            }
            assertThat(readsRecorded("rtrd", "GET /schemes/SCH-B")).isPositive();
            assertThat(readsRecorded("despatcher", "GET /schemes/SCH-B")).isZero();

            try (Browser crimeManager = room.browser("crime-manager")) {
                assertThat(crimeManager.driver().getCurrentUrl()).endsWith("/schemes/escalations");
                crimeManager.check("schemes-escalations-empty");

                // The first-stage review, 28 days before the end: both schemes come up on the OIC's list, live.
                ZonedDateTime activated = START.atZone(LONDON);
                clock.set(activated.plusMonths(6).minusDays(28).plusHours(1).toInstant());
                oic.waitUntil(Duration.ofSeconds(30), d -> oic.find(By.id("work")).getText().contains("Reviews due (2)"));
                assertThat(oic.find(By.id("reviews-due")).getText()).contains("SCH-B", "SCH-C");
                oic.check("schemes-mine-reviews-due");

                oic.go("/schemes/SCH-B");
                tick(oic, "review-decision");
                type(oic, "review-note", "Risk remains: suspect released on bail");
                send(oic, "review-submit");
                assertThat(Fill.formError(oic, "review")).containsIgnoringCase("no contact attempt");
                oic.check("scheme-review-refused");
                contact(oic, "contact-outcome", "contact-explained-EXTENSION");
                assertThat(oic.find(By.id("attempts-since-review")).getText()).isEqualTo("1");
                tick(oic, "review-decision");
                type(oic, "review-note", "Risk remains: suspect released on bail");
                send(oic, "review-submit");
                assertThat(Fill.done(oic)).contains("SCH-B extended");

                // Fourteen days on, SCH-C has no decision: the crime manager of its BCU sees it without a reload.
                clock.set(clock.instant().plus(Duration.ofDays(14)).plus(Duration.ofHours(1)));
                crimeManager.waitUntil(Duration.ofSeconds(30),
                        d -> !d.findElements(By.id("scheme-SCH-C")).isEmpty());
                assertThat(crimeManager.find(By.id("escalation-list")).getText()).contains("SCH-C",
                        "ESCALATED TO THE CRIME MANAGER").doesNotContain("SCH-B");
                crimeManager.check("schemes-escalations");

                crimeManager.visit("/schemes/SCH-C", "scheme-escalated");
                assertThat(crimeManager.find(By.id("victim-details")).getText()).contains("Ms C");
                tick(crimeManager, "review-decision-WITHDRAW");
                type(crimeManager, "review-note", "Suspect charged and remanded");
                send(crimeManager, "review-submit");
                assertThat(Fill.formError(crimeManager, "review")).containsIgnoringCase("no contact attempt");
                crimeManager.check("scheme-escalated-refused");
            }
        }
    }

    private static void request(Browser oic, String id, String cli, String address) {
        oic.go("/schemes/new");
        type(oic, "request-schemeId", id);
        type(oic, "request-address", address);
        type(oic, "request-clis", cli);
        type(oic, "request-victimName", "Ms " + id.substring(id.length() - 1));
        choose(oic, "request-contactMethod", "Phone");
        type(oic, "request-contactDetail", "mobile after 6 pm");
        type(oic, "request-crimeRef", "CRIS-" + id);
        type(oic, "request-instructions", "Immediate response; caller may not be able to speak");
        send(oic, "request-submit");
        assertThat(Fill.done(oic)).contains("Form 4564 for scheme " + id + " submitted");
    }

    /** Records a contact attempt by phone, ticking (with the space bar) the outcome and what was explained. */
    private static void contact(Browser oic, String... ticks) {
        type(oic, "contact-method", "Phone");
        for (String t : ticks) {
            tick(oic, t);
        }
        send(oic, "contact-submit");
        assertThat(Fill.done(oic)).contains("Contact attempt recorded");
    }

    private static long readsRecorded(String staffId, String path) throws Exception {
        try (Connection c = room.server().bean(Database.class).pooled().getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from victim_detail_read where staff_id = ?"
                     + " and path = ?")) {
            s.setString(1, staffId);
            s.setString(2, path);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
