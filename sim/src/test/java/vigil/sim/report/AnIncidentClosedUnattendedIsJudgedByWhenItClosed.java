package vigil.sim.report;

import static vigil.sim.report.Reports.assertMeets;
import static vigil.sim.report.Reports.incident;
import static vigil.sim.report.Reports.step;

import org.junit.jupiter.api.Test;

/**
 * "An incident closed unattended before its targetAt is neither within target nor breached: it counts in
 * closedUnattended. One closed unattended after its targetAt is breached, and closing stops its clock." Three S
 * incidents of 10:00 (target 11:00), none attended: closed at 10:30, at 11:00 exactly (the closing runs before the
 * breach would fire, so no attendance was due any more), and at 11:20.
 */
class AnIncidentClosedUnattendedIsJudgedByWhenItClosed {

    @Test
    void closedByItsTargetIsClosedUnattendedAndAfterItIsLateToTheClosing() {
        Reports.Shift shift = Reports.day("09:00", "13:00",
                incident("10:00", "CAD-1", "S"),
                incident("10:00", "CAD-2", "S"),
                incident("10:00", "CAD-3", "S"),
                step("10:30", "dsp1", "CloseIncident", "incidentId", "CAD-1", "disposition", "caller rang back: no need"),
                step("11:00", "dsp1", "CloseIncident", "incidentId", "CAD-2", "disposition", "resolved by phone"),
                step("11:20", "dsp1", "CloseIncident", "incidentId", "CAD-3", "disposition", "no trace"));

        assertMeets(shift.report(), """
                { "responseTimes": { "byGrade": {
                    "S": { "incidents": 3, "attended": 0, "withinTarget": 0, "breached": 1, "closedUnattended": 2,
                           "withinTargetRate": 0.0 } } },
                  "delayedAttendance": [ { "incidentId": "CAD-3", "attendedAt": null, "lateByMinutes": 20.0 } ] }
                """);
    }
}
