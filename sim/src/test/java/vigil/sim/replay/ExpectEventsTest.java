package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The checker the worked scenarios rely on must be able to say no, in each of its three ways. */
class ExpectEventsTest {
    private static final String EVENTS = """
            {"seq":1,"at":"2018-05-31T22:54:00Z","type":"CallRecorded","callId":"C1","cli":"+447700900123"}
            {"seq":2,"at":"2018-05-31T22:55:00Z","type":"IncidentCreated","incidentId":"CAD-1","grade":"S"}
            {"seq":3,"at":"2018-05-31T22:58:00Z","type":"UnitAssigned","incidentId":"CAD-1","unitId":"U1"}
            {"seq":4,"at":"2018-05-31T23:12:00Z","type":"UnitArrived","incidentId":"CAD-1","unitId":"U1","firstAttendance":true,"withinTarget":true}
            {"seq":5,"at":"2018-05-31T23:13:00Z","type":"PreviousContactsFound","callId":"C2","callIds":["C1"]}
            """;

    private static ExpectEvents.Report check(String expected) {
        return ExpectEvents.check(ExpectEvents.lines(expected, "expected"), ExpectEvents.lines(EVENTS, "events"));
    }

    @Test
    void plainLinesMatchAsAnInOrderSubsequence() {
        ExpectEvents.Report r = check("""
                {"type":"CallRecorded","callId":"C1"}
                {"type":"UnitAssigned","unitId":"U1","at":"2018-05-31T22:58:00Z"}
                {"type":"UnitArrived","withinTarget":true}
                """);
        assertThat(r.failures()).isEmpty();
        assertThat(r.passed()).isEqualTo(3);
    }

    @Test
    void plainLinesOutOfOrderFail() {
        ExpectEvents.Report r = check("""
                {"type":"UnitAssigned","unitId":"U1"}
                {"type":"CallRecorded","callId":"C1"}
                """);
        assertThat(r.ok()).isFalse();
        assertThat(r.failures()).singleElement().asString().startsWith("missing (in order)").contains("CallRecorded");
        assertThat(r.summary()).endsWith("1 passed, 1 failed");
    }

    @Test
    void oneEventMatchesAtMostOnePlainLine() {
        ExpectEvents.Report r = check("""
                {"type":"UnitAssigned"}
                {"type":"UnitAssigned"}
                """);
        assertThat(r.failures()).hasSize(1);
    }

    @Test
    void aDifferentValueFails() {
        assertThat(check("""
                {"type":"UnitArrived","withinTarget":false}
                """).failures()).singleElement().asString().contains("nearest of that type");
        assertThat(check("""
                {"type":"IncidentCreated","at":"2018-05-31T22:55:01Z"}
                """).ok()).isFalse();
    }

    @Test
    void anywhereLinesMatchInAnyOrderButMustMatch() {
        assertThat(check("""
                {"type":"UnitArrived"}
                {"anywhere":true,"type":"CallRecorded","callId":"C1"}
                """).failures()).isEmpty();
        assertThat(check("""
                {"anywhere":true,"type":"CallRecorded","callId":"C7"}
                """).failures()).singleElement().asString().startsWith("missing (anywhere)");
    }

    @Test
    void absentLinesFailWhenAnyEventMatches() {
        assertThat(check("""
                {"absent":true,"type":"AttendanceBreached"}
                {"absent":true,"type":"UnitAssigned","unitId":"U2"}
                """).failures()).isEmpty();
        assertThat(check("""
                {"absent":true,"type":"UnitAssigned","incidentId":"CAD-1"}
                """).failures()).singleElement().asString().startsWith("present but must be absent");
    }

    @Test
    void aFieldTheEventLacksEqualsNull() {
        assertThat(check("""
                {"type":"IncidentCreated","incidentId":"CAD-1","targetAt":null}
                """).ok()).isTrue();
        assertThat(check("""
                {"type":"UnitArrived","withinTarget":null}
                """).ok()).isFalse();
    }

    @Test
    void valuesCompareAsJsonValues() {
        List<JsonNode> a = ExpectEvents.lines("""
                {"n":1,"xs":["C1",{"k":2.0}],"b":true}
                """, "a");
        List<JsonNode> b = ExpectEvents.lines("""
                {"n":1.0,"xs":["C1",{"k":2}],"b":true}
                """, "b");
        assertThat(ExpectEvents.jsonEquals(a.get(0), b.get(0))).isTrue();
        assertThat(ExpectEvents.jsonEquals(a.get(0).get("b"), b.get(0).get("n"))).isFalse();
        assertThat(check("""
                {"type":"PreviousContactsFound","callIds":["C1"]}
                """).ok()).isTrue();
        assertThat(check("""
                {"type":"PreviousContactsFound","callIds":["C1","C2"]}
                """).ok()).isFalse();
        assertThat(check("""
                {"type":"PreviousContactsFound","callIds":"C1"}
                """).ok()).isFalse();
    }

    @Test
    void anOutputLineThatIsNotJsonIsReported() {
        assertThatThrownBy(() -> ExpectEvents.lines("{\"seq\":1}\nnot json\n", "output"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("output line 2 is not JSON");
    }
}
