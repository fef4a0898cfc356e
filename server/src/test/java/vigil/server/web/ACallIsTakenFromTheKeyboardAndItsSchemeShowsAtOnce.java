package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import vigil.server.web.browser.Browser;

/**
 * The scheme story, as a call handler lives it: the RTRD has activated a scheme on a number and an address; a call
 * comes from the same number written differently, and the moment it is typed the banner shows, with the grade the
 * scheme requires and its instructions. The call is recorded, graded and made an incident from the keyboard alone;
 * bad input is refused at the field; a second call from the number shows the first (domestic) and is linked to the
 * open incident at the same address.
 */
class ACallIsTakenFromTheKeyboardAndItsSchemeShowsAtOnce {
    private static WebRoom room;

    @BeforeAll
    static void open() {
        room = WebRoom.open(Map.of());
        room.command("oic", "{\"do\":\"RequestScheme\",\"schemeId\":\"S-1\",\"address\":\"Flat 2, 10 Example Road,"
                + " London SE1 1AA\",\"clis\":[\"07700 900123\"],\"victimName\":\"A Victim\",\"preferredContact\":"
                + "{\"method\":\"phone\",\"detail\":\"07700 900123\"},\"oic\":\"oic\",\"bcu\":\"SE\",\"crimeRef\":"
                + "\"CRIS-1\",\"instructions\":\"Immediate response: risk from her ex-husband\",\"requiredGrade\":\"I\"}");
        room.command("rtrd", "{\"do\":\"ActivateScheme\",\"schemeId\":\"S-1\"}");
    }

    @AfterAll
    static void close() {
        room.close();
    }

    @Test
    void aCallFromTheSchemesNumberWrittenDifferentlyRaisesTheBannerAndBecomesAnIncidentFromTheKeyboard() {
        try (Browser b = room.browser("call-handler")) {
            assertThat(b.driver().getCurrentUrl()).as("a call handler lands on call taking").endsWith("/calls/new");
            b.check("call-new");
            assertThat(b.focused().getAttribute("id")).isEqualTo("call-cli");

            b.type("0044 7700 900 123");
            b.waitUntil(d -> d.findElement(By.id("check")).getText().contains("SPECIAL SCHEME S-1"));
            String banner = b.text(By.cssSelector("#check .scheme-banner"));
            assertThat(banner).contains("Respond at grade I", "Immediate response: risk from her ex-husband",
                    "Matched on the number");
            assertThat(b.find(By.cssSelector("#check .scheme-banner")).getAttribute("role")).isEqualTo("alert");
            b.check("call-scheme-banner");

            // A place that is not one is refused at its field, and nothing is recorded.
            long before = room.lastSeq();
            b.type(Keys.TAB, "flat 2 10 example road london se11aa", Keys.TAB, "somewhere", Keys.TAB, "v",
                    Keys.TAB, "Someone banging on the door; she thinks it is her ex-husband", Keys.TAB, Keys.ENTER);
            b.waitUntil(d -> !d.findElements(By.cssSelector("#call-form .field.invalid")).isEmpty());
            assertThat(b.text(By.id("call-location-error"))).contains("latitude, longitude");
            assertThat(b.find(By.id("call-location")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(b.find(By.id("call-narrative")).getAttribute("value")).as("what was typed stays")
                    .startsWith("Someone banging");
            assertThat(room.lastSeq()).isEqualTo(before);
            b.check("call-refused-at-field");

            b.find(By.id("call-location")).clear();
            b.find(By.id("call-location")).sendKeys("51.498, -0.090", Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().matches(".*/calls/CALL-\\d+-.*"));
            b.awaitReady();
            assertThat(b.text(By.cssSelector(".scheme-banner"))).contains("SPECIAL SCHEME S-1");
            assertThat(b.find(By.id("grade-grade")).getAttribute("value")).as("the scheme's grade, offered")
                    .isEqualTo("I");
            b.check("call-recorded");

            // No grade: refused at the field by the command's own parsing.
            b.find(By.id("grade-grade")).sendKeys("C"); // "Choose a grade"
            b.type(Keys.TAB, "Domestic", Keys.TAB, Keys.SPACE, Keys.TAB, Keys.ENTER);
            b.waitUntil(d -> !d.findElements(By.id("grade-grade-error")).isEmpty());
            assertThat(b.text(By.id("grade-grade-error"))).contains("Required");
            b.check("grade-refused-at-field");

            b.find(By.id("grade-grade")).sendKeys("I");
            b.type(Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().matches(".*/incidents/CAD-\\d+-.*"));
            b.awaitReady();
            assertThat(b.text(By.id("summary"))).contains("Immediate", "SPECIAL SCHEME", "DOMESTIC",
                    "UNRESOURCED", "Respond at grade I".replace("Respond at grade", "respond at grade"));
            b.waitUntil(d -> d.findElement(By.id("timeline")).getText().contains("Created, grade I"));
            b.check("incident-new");
        }
    }

    @Test
    void aSecondCallFromTheNumberShowsTheFirstAndIsLinkedToItsOpenIncident() {
        room.command("call-handler", "{\"do\":\"RecordCall\",\"callId\":\"C-FIRST\",\"cli\":\"+44 7700 900777\","
                + "\"address\":\"5 Linked Street, London SE1 5EE\"}");
        room.command("call-handler", "{\"do\":\"CreateIncident\",\"incidentId\":\"CAD-LINKED\",\"callId\":\"C-FIRST\","
                + "\"grade\":\"S\",\"type\":\"Domestic\",\"domestic\":true}");
        try (Browser b = room.browser("call-handler")) {
            b.type("07700 900777", Keys.TAB, "5 linked street london se15ee");
            b.waitUntil(d -> d.findElement(By.id("check")).getText().contains("1 earlier call"));
            assertThat(b.text(By.id("check"))).contains("DOMESTIC", "C-FIRST");
            b.check("call-previous-contact");
            b.type(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().matches(".*/calls/CALL-\\d+-.*"));
            b.awaitReady();
            assertThat(b.text(By.id("link-form"))).contains("CAD-LINKED: same address");
            b.find(By.id("link-0")).sendKeys(Keys.SPACE);
            b.type(Keys.TAB, Keys.ENTER);
            b.waitUntil(d -> d.getCurrentUrl().endsWith("/incidents/CAD-LINKED"));
            b.awaitReady();
            b.waitUntil(d -> d.findElement(By.id("timeline")).getText().contains("linked"));
            assertThat(b.find(By.id("calls-h")).isDisplayed()).isTrue();
            assertThat(b.all(By.cssSelector(".call"))).hasSize(2);
            b.check("incident-linked");
        }
    }
}
