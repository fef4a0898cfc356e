package vigil.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.incident;

import org.junit.jupiter.api.Test;

/**
 * "breached: ... still unattended at the end of the period once targetAt has passed", late "to the end of the period
 * when unattended". CAD-1 (S, 10:00) is never attended: 30 minutes late at 11:30. CAD-2 (I, 11:15) has its target at
 * the period's very end, when the engine raises its breach too: late by 0.0. CAD-3 (E, 48 hours) is not yet due and
 * counts as neither.
 */
class AnIncidentStillOpenAtTheEndIsLateToTheEndOfThePeriod {

    @Test
    void unattendedPastItsTargetIsBreachedAndNotYetDueIsNeither() {
        Reports.Shift shift = Reports.day("09:00", "11:30",
                incident("10:00", "CAD-1", "S"),
                incident("10:30", "CAD-3", "E"),
                incident("11:15", "CAD-2", "I"));

        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": {
                    "I": { "incidents": 1, "attended": 0, "withinTarget": 0, "breached": 1, "withinTargetRate": 0.0 },
                    "S": { "incidents": 1, "attended": 0, "withinTarget": 0, "breached": 1, "withinTargetRate": 0.0,
                           "responseMinutes": { "p50": null, "p90": null, "max": null } },
                    "E": { "incidents": 1, "attended": 0, "withinTarget": 0, "breached": 0, "closedUnattended": 0,
                           "withinTargetRate": null } } },
                  "delayedAttendance": [
                    { "incidentId": "CAD-1", "grade": "S", "targetAt": "2024-06-12T11:00:00Z", "attendedAt": null,
                      "lateByMinutes": 30.0, "divertTagged": false },
                    { "incidentId": "CAD-2", "grade": "I", "targetAt": "2024-06-12T11:30:00Z", "attendedAt": null,
                      "lateByMinutes": 0.0 } ],
                  "demand": { "calls": 3, "incidents": 3 } }
                """);
        assertThat(shift.eventLog()).as("the engine raised the breach at the period's end too")
                .contains("\"type\":\"AttendanceBreached\",\"incidentId\":\"CAD-2\"");
    }
}
