package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Java port of expect-report passes what the shared tool passes and fails what it fails. */
class ExpectReportChecksASubsetLikeTheSharedTool {
    private static final String REPORT = """
            { "responseTimes": { "byGrade": { "S": { "incidents": 1, "withinTargetRate": 0.0, "p": null } } },
              "delayedAttendance": [ { "incidentId": "CAD-1", "lateByMinutes": 35.0, "divertTagged": true } ] }
            """;

    private static java.util.List<String> check(String expected) {
        return ExpectReport.mismatches(ExpectReport.parse(expected), ExpectReport.parse(REPORT));
    }

    @Test
    void aSubsetWithRowsOfFewerFieldsPasses() {
        assertThat(check("""
                { "responseTimes": { "byGrade": { "S": { "incidents": 1, "p": null } } },
                  "delayedAttendance": [ { "incidentId": "CAD-1", "lateByMinutes": 35 } ] }
                """)).isEmpty();
        assertThat(check("{}")).isEmpty();
    }

    @Test
    void aMissingKeyAWrongValueAWrongRowCountOrANullThatIsNotFail() {
        assertThat(check("{ \"demand\": {} }")).containsExactly("$.demand: missing");
        assertThat(check("{ \"responseTimes\": { \"byGrade\": { \"S\": { \"incidents\": 2 } } } }"))
                .containsExactly("$.responseTimes.byGrade.S.incidents: 1 != 2");
        assertThat(check("{ \"delayedAttendance\": [] }")).containsExactly("$.delayedAttendance: expected 0 rows, got 1");
        assertThat(check("{ \"responseTimes\": { \"byGrade\": { \"S\": { \"withinTargetRate\": null } } } }"))
                .hasSize(1);
        assertThat(check("{ \"delayedAttendance\": [ { \"divertTagged\": false } ] }")).hasSize(1);
        assertThat(check("{ \"delayedAttendance\": [ { \"lateByMinutes\": 35.1 } ] }")).hasSize(1);
    }
}
