package vigil.sim.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Role;
import vigil.sim.scenario.ScenarioReader;

/**
 * JSON can spell things that are not text: U+0000 and half of a UTF-16 surrogate pair. The log cannot keep either
 * (PostgreSQL refuses the one and writes the other as "?"), so a command holding one is not a command: refused naming
 * its field, before the engine sees it. A character beyond the Basic Multilingual Plane, a whole pair, is text.
 */
class TextTheLogCannotKeepIsRefused {
    private static final Actor HANDLER = Actor.staff("ch1", Role.CALL_HANDLER);

    @Test
    void aNulInAnIdIsRefusedNamingTheField() {
        assertThatThrownBy(() -> read("{\"do\":\"RecordCall\",\"callId\":\"C\\u0000X\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("\"callId\"").hasMessageContaining("U+0000")
                .extracting(e -> ((InvalidInput) e).field()).isEqualTo("callId");
    }

    @Test
    void halfASurrogatePairInFreeTextIsRefused() {
        assertThatThrownBy(() -> read("{\"do\":\"RecordCall\",\"callId\":\"C1\",\"narrative\":\"help \\ud800\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("\"narrative\"")
                .hasMessageContaining("\\ud800");
        assertThatThrownBy(() -> read("{\"do\":\"RecordCall\",\"callId\":\"\\udc00C1\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("\"callId\"");
    }

    @Test
    void anElementOfAListIsNamedByItsPlace() {
        assertThatThrownBy(() -> read("{\"do\":\"RequestScheme\",\"schemeId\":\"S1\",\"address\":\"1 High St\","
                + "\"clis\":[\"07700 900999\",\"07700\\u0000\"],\"victimName\":\"J\",\"preferredContact\":"
                + "{\"method\":\"phone\",\"detail\":\"x\"},\"oic\":\"oic1\",\"bcu\":\"SE\",\"crimeRef\":\"CR\","
                + "\"instructions\":\"i\",\"requiredGrade\":\"I\"}"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("\"clis[1]\"");
    }

    @Test
    void aWholePairIsText() {
        Command c = read("{\"do\":\"RecordCall\",\"callId\":\"C1\",\"narrative\":\"caller sent \\ud83d\\ude91\"}");

        assertThat(((Command.RecordCall) c).narrative()).isEqualTo("caller sent \uD83D\uDE91");
    }

    private static Command read(String json) {
        return ScenarioReader.command(JsonFiles.parse(json), HANDLER, "command");
    }
}
