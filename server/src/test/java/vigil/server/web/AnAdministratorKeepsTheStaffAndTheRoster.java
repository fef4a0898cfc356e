package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.server.web.Fill.choose;
import static vigil.server.web.Fill.errorAt;
import static vigil.server.web.Fill.send;
import static vigil.server.web.Fill.type;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;
import vigil.server.web.browser.Browser;

/**
 * The administrator's pages in a real browser: a member of staff added with a role, a BCU and an email, whose
 * generated password is shown once (and never again), who can then log in and lands on their own work; a password
 * set; someone removed, whose login stops at once; the roster of units with where each is, a unit added and one
 * retired, a committed one refused. Every form refuses bad input at the field; anyone else is refused the pages.
 */
class AnAdministratorKeepsTheStaffAndTheRoster {
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
    void aMemberOfStaffAddedHereCanLogInAtOnceAndNoLongerOnceRemoved() {
        String password;
        try (Browser admin = room.browser("admin")) {
            assertThat(admin.driver().getCurrentUrl()).as("the administrator lands on the staff").endsWith("/admin/staff");
            admin.check("admin-staff");

            // Bad input, each refused at its field, what was typed kept.
            type(admin, "add-staffId", "new officer");
            choose(admin, "add-role", "OIC");
            send(admin, "add-submit");
            assertThat(errorAt(admin, "add-staffId")).contains("letters, digits");
            assertThat(admin.find(By.id("add-staffId")).getAttribute("value")).isEqualTo("new officer");
            admin.check("admin-staff-refused");
            type(admin, "add-staffId", "oic2");
            type(admin, "add-email", "not an address");
            send(admin, "add-submit");
            assertThat(errorAt(admin, "add-email")).isNotBlank();
            type(admin, "add-email", "oic2@example.org");
            type(admin, "add-password", "short");
            send(admin, "add-submit");
            assertThat(errorAt(admin, "add-password")).contains("12");
            type(admin, "add-staffId", "oic");
            send(admin, "add-submit");
            assertThat(errorAt(admin, "add-staffId")).as("an id once used is never used again").isNotBlank();

            // Added, with a password made up and shown once.
            type(admin, "add-staffId", "oic2");
            type(admin, "add-bcu", "CE");
            type(admin, "add-email", "oic2@example.org");
            send(admin, "add-submit");
            assertThat(Fill.done(admin)).contains("oic2 is on the roster as OIC in CE");
            password = admin.find(By.id("generated-value")).getText();
            assertThat(password).hasSize(20);
            assertThat(admin.find(By.id("member-oic2")).getText()).contains("OIC", "CE", "oic2@example.org",
                    "CAN LOG IN");
            admin.check("admin-staff-added");
            admin.go("/admin/staff");
            assertThat(admin.all(By.id("generated-password"))).as("shown once").isEmpty();
            assertThat(admin.driver().getPageSource()).doesNotContain(password);

            JsonNode account = room.get("admin", "/api/staff").valueStream()
                    .filter(a -> a.get("staffId").asString().equals("oic2")).findFirst().orElseThrow();
            assertThat(account.get("role").asString()).isEqualTo("OIC");
            assertThat(account.get("bcu").asString()).isEqualTo("CE");
        }

        try (Browser oic2 = Browser.open(room.server().base(), "oic2")) {
            oic2.logIn("oic2", password);
            assertThat(oic2.driver().getCurrentUrl()).endsWith("/schemes/mine");
            assertThat(oic2.find(By.cssSelector(".me")).getText()).contains("oic2 (OIC, CE)");
        }

        try (Browser admin = room.browser("admin")) {
            admin.visit("/admin/staff/oic2", "admin-member");
            type(admin, "password-password", "too short");
            send(admin, "password-submit");
            assertThat(errorAt(admin, "password-password")).contains("12");
            admin.check("admin-member-refused");
            type(admin, "password-password", "a long enough passphrase");
            send(admin, "password-submit");
            assertThat(Fill.done(admin)).contains("password of oic2 is set");
            assertThat(admin.all(By.id("generated-password"))).as("a password typed is not shown back").isEmpty();

            send(admin, "remove-submit");
            assertThat(Fill.done(admin)).contains("oic2 is off the roster");
            assertThat(admin.find(By.id("member-oic2")).getText()).contains("REMOVED");
        }
        try (Browser oic2 = Browser.open(room.server().base(), "oic2-removed")) {
            oic2.go("/login");
            type(oic2, "username", "oic2");
            type(oic2, "password", "a long enough passphrase");
            oic2.find(By.id("password")).sendKeys(org.openqa.selenium.Keys.ENTER);
            assertThat(oic2.find(By.cssSelector(".error-summary")).getText()).contains("not right");
        }
    }

    @Test
    void theRosterOfUnitsSaysWhereEachIsAndTakesAndRetiresUnits() {
        room.incident("CAD-ADMIN", "S", "1 Roster Road, London SE1 1AA");
        room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-ADMIN\",\"unitId\":\"SE-2\"}");
        try (Browser admin = room.browser("admin")) {
            admin.visit("/admin/units", "admin-units");
            assertThat(admin.find(By.id("unit-SE-2")).getText()).contains("ASSIGNED, NOT ACKNOWLEDGED", "CAD-ADMIN");
            assertThat(admin.find(By.id("unit-SE-1")).getText()).matches("(?s).*\\d+\\.\\d{4}, -?\\d+\\.\\d{4}.*");

            type(admin, "unit-unitId", "SE-9");
            type(admin, "unit-callSign", "SE29");
            type(admin, "unit-lat", "north");
            type(admin, "unit-lon", "-0.1");
            send(admin, "add-unit-submit");
            assertThat(errorAt(admin, "unit-lat")).contains("number");
            admin.check("admin-units-refused");
            type(admin, "unit-lat", "95");
            send(admin, "add-unit-submit");
            assertThat(errorAt(admin, "unit-lat")).contains("between -90 and 90");
            type(admin, "unit-lat", "51.4990");
            type(admin, "unit-bcu", "SE");
            send(admin, "add-unit-submit");
            assertThat(Fill.done(admin)).contains("SE-9 (SE29) is on the roster");
            assertThat(admin.find(By.id("unit-SE-9")).getText()).contains("AVAILABLE", "51.4990, -0.1000");

            // Live: the despatcher's assignment shows without a reload.
            room.command("despatcher", "{\"do\":\"AssignUnit\",\"incidentId\":\"CAD-ADMIN\",\"unitId\":\"SE-9\"}");
            admin.waitUntil(d -> admin.find(By.id("unit-SE-9")).getText().contains("CAD-ADMIN"));

            send(admin, "retire-submit");
            assertThat(errorAt(admin, "retire-unitId")).contains("Required");
            choose(admin, "retire-unitId", "SE-2");
            send(admin, "retire-submit");
            assertThat(errorAt(admin, "retire-unitId")).as("a committed unit stays").containsIgnoringCase("committed");
            admin.check("admin-units-retire-refused");
            room.command("despatcher", "{\"do\":\"ClearUnit\",\"incidentId\":\"CAD-ADMIN\",\"unitId\":\"SE-9\"}");
            admin.go("/admin/units");
            choose(admin, "retire-unitId", "SE-9");
            send(admin, "retire-submit");
            assertThat(Fill.done(admin)).contains("SE-9 is retired");
            assertThat(admin.all(By.id("unit-SE-9"))).isEmpty();
        }
    }

    @Test
    void nobodyElseMayUseTheAdministratorsPages() {
        try (Browser despatcher = room.browser("despatcher")) {
            for (String page : new String[] {"/admin/staff", "/admin/units", "/admin/staff/oic"}) {
                despatcher.go(page);
                assertThat(despatcher.find(By.cssSelector(".problem-status")).getText()).isEqualTo("403");
            }
            despatcher.check("admin-refused");
            assertThat(despatcher.driver().getPageSource()).doesNotContain("Exception", "at vigil.");
        }
    }
}
