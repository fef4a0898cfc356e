package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * "An R incident has no target: it counts in incidents and attended, never in withinTarget, breached or
 * closedUnattended." Three R incidents: one never attended, one attended two hours on, one closed unattended.
 */
class AReferredIncidentHasNoTargetToMeetOrMiss {

    @Test
    void itCountsAsAnIncidentAndAnAttendanceOnly() {
        Reports.Shift shift = Reports.day("09:00", "13:00",
                incident("10:00", "CAD-1", "R"),
                incident("10:00", "CAD-2", "R"),
                incident("10:00", "CAD-3", "R"),
                step("11:00", "dsp1", "AssignUnit", "incidentId", "CAD-2", "unitId", "U1"),
                step("12:00", "U1", "ArriveAtScene", "incidentId", "CAD-2", "unitId", "U1"),
                step("12:10", "dsp1", "CloseIncident", "incidentId", "CAD-3", "disposition", "referred to partner"));

        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": {
                    "R": { "incidents": 3, "attended": 1, "withinTarget": 0, "breached": 0, "closedUnattended": 0,
                           "withinTargetRate": null,
                           "responseMinutes": { "p50": 120.0, "p90": 120.0, "max": 120.0 } } } },
                  "delayedAttendance": [] }
                """);
    }
}
