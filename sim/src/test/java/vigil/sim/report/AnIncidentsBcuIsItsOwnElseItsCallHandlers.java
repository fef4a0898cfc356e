package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.at;
import static vigil.sim.report.Reports.step;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vigil.core.Grade;

/**
 * "An incident's BCU is the bcu given in CreateIncident, else the call handler's, else '-'." ch1 has no BCU, chSE is
 * of SE. CAD-1: ch1, bcu NW given. CAD-2: chSE, none given (SE). CAD-3: chSE, NW given (NW). CAD-4: ch1, none ("-").
 * Filters by BCU and grade keep only their incidents, in every report, demand included.
 */
class AnIncidentsBcuIsItsOwnElseItsCallHandlers {
    private final Reports.Shift shift = Reports.day("09:00", "12:00",
            step("10:00", "ch1", "RecordCall", "callId", "C1"),
            step("10:00", "ch1", "CreateIncident", "incidentId", "CAD-1", "callId", "C1", "grade", "I", "bcu", "NW"),
            step("10:01", "chSE", "RecordCall", "callId", "C2"),
            step("10:01", "chSE", "CreateIncident", "incidentId", "CAD-2", "callId", "C2", "grade", "S"),
            step("10:02", "chSE", "RecordCall", "callId", "C3"),
            step("10:02", "chSE", "CreateIncident", "incidentId", "CAD-3", "callId", "C3", "grade", "S", "bcu", "NW"),
            step("10:03", "ch1", "RecordCall", "callId", "C4"),
            step("10:03", "ch1", "CreateIncident", "incidentId", "CAD-4", "callId", "C4", "grade", "E"),
            step("10:04", "ch1", "RecordCall", "callId", "C5"),
            step("10:05", "ch1", "LinkCall", "callId", "C5", "incidentId", "CAD-2"),
            step("10:06", "ch1", "RecordCall", "callId", "C6"));

    @Test
    void eachIncidentIsCountedUnderItsBcuAndTheBcusAreInOrder() {
        JsonNode report = shift.report();
        assertMeets(report, """
                { "responseTimes": { "byBcu": {
                    "-": { "E": { "incidents": 1 } },
                    "NW": { "I": { "incidents": 1 }, "S": { "incidents": 1 } },
                    "SE": { "S": { "incidents": 1 } } } },
                  "demand": { "calls": 6, "incidents": 4 } }
                """);
        assertThat(List.copyOf(report.at("/responseTimes/byBcu").propertyNames()))
                .containsExactly("-", "NW", "SE");
    }

    @Test
    void noBcuComesFirstEvenBeforeANameThatSortsBeforeTheDash() {
        Reports.Shift odd = Reports.day("09:00", "12:00",
                step("10:00", "ch1", "RecordCall", "callId", "C1"),
                step("10:00", "ch1", "CreateIncident", "incidentId", "CAD-1", "callId", "C1", "grade", "I", "bcu", "#2"),
                step("10:01", "ch1", "RecordCall", "callId", "C2"),
                step("10:01", "ch1", "CreateIncident", "incidentId", "CAD-2", "callId", "C2", "grade", "I"),
                step("10:02", "ch1", "RecordCall", "callId", "C3"),
                step("10:02", "ch1", "CreateIncident", "incidentId", "CAD-3", "callId", "C3", "grade", "I", "bcu", "+1"));

        assertThat(List.copyOf(odd.report().at("/responseTimes/byBcu").propertyNames()))
                .containsExactly("-", "#2", "+1");
    }

    @Test
    void aBcuFilterKeepsThatBcusIncidentsAndTheCallsThatBecameThem() {
        JsonNode report = shift.report(at("09:00"), at("12:00"), Filter.bcu("SE"));
        assertMeets(report, """
                { "filter": { "bcu": ["SE"], "grade": [] },
                  "responseTimes": { "byGrade": { "S": { "incidents": 1 } },
                                     "byBcu": { "SE": { "S": { "incidents": 1 } } } },
                  "delayedAttendance": [ { "incidentId": "CAD-2" } ],
                  "demand": { "calls": 2, "incidents": 1 } }
                """);
        assertThat(report.at("/responseTimes/byGrade").propertyNames()).containsExactly("S");
        assertThat(report.at("/responseTimes/byBcu").propertyNames()).containsExactly("SE");
    }

    @Test
    void aGradeFilterAndABcuFilterTogetherKeepWhatBothAdmit() {
        JsonNode graded = shift.report(at("09:00"), at("12:00"), Filter.grade(Grade.S));
        assertThat(graded.at("/responseTimes/byGrade").propertyNames()).containsExactly("S");
        assertMeets(graded, """
                { "responseTimes": { "byGrade": { "S": { "incidents": 2 } } },
                  "delayedAttendance": [ { "incidentId": "CAD-2" }, { "incidentId": "CAD-3" } ],
                  "demand": { "calls": 3, "incidents": 2 } }
                """);
        assertMeets(shift.report(at("09:00"), at("12:00"), Filter.grade(Grade.S).andBcu("NW")), """
                { "responseTimes": { "byGrade": { "S": { "incidents": 1 } }, "byBcu": { "NW": { "S": {} } } },
                  "delayedAttendance": [ { "incidentId": "CAD-3" } ],
                  "demand": { "calls": 1, "incidents": 1 } }
                """);
        assertMeets(shift.report(at("09:00"), at("12:00"), Filter.bcu(Daris.NO_BCU)), """
                { "responseTimes": { "byGrade": { "E": { "incidents": 1 } } }, "demand": { "calls": 1 } }
                """);
    }
}
