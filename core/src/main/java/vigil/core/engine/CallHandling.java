package vigil.core.engine;

import vigil.core.Command.CreateIncident;
import vigil.core.Command.LinkCall;
import vigil.core.Command.RecordCall;
import vigil.core.Command.Regrade;
import vigil.core.Event.CallLinked;
import vigil.core.Event.CallRecorded;
import vigil.core.Event.IncidentCreated;
import vigil.core.Event.IncidentRegraded;
import vigil.core.Reason;

/** Call handling: recording calls, creating and linking incidents, grading. */
final class CallHandling {
    private CallHandling() {}

    static void recordCall(Decision d, RecordCall c) {
        if (!d.permitted()) {
            return;
        }
        if (d.room.calls.containsKey(c.callId())) {
            d.reject(Reason.DUPLICATE_ID, "call " + c.callId() + " already recorded");
            return;
        }
        String cli = c.cli() == null ? null : CallerLines.normalise(c.cli());
        d.emit(new CallRecorded(c.callId(), cli, c.address(), c.location(), c.caller(), c.narrative()));
        SchemeMatching.matchCall(d, d.room.calls.get(c.callId()));
    }

    static void createIncident(Decision d, CreateIncident c) {
        if (!d.permitted()) {
            return;
        }
        if (d.room.incidents.containsKey(c.incidentId())) {
            d.reject(Reason.DUPLICATE_ID, "incident " + c.incidentId() + " already exists");
            return;
        }
        CallState call = d.call(c.callId());
        if (call == null) {
            return;
        }
        if (call.incidentId != null) {
            d.reject(Reason.INVALID_STATE, "call " + call.id + " already belongs to incident " + call.incidentId);
            return;
        }
        String bcu = c.bcu() != null ? c.bcu() : d.by().bcu();
        d.emit(new IncidentCreated(c.incidentId(), c.callId(), c.grade(), d.room.targetAt(d.at, c.grade()), c.type(),
                c.domestic(), bcu));
        SchemeMatching.checkGrade(d, d.room.incidents.get(c.incidentId()));
    }

    static void linkCall(Decision d, LinkCall c) {
        if (!d.permitted()) {
            return;
        }
        CallState call = d.call(c.callId());
        if (call == null) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null || !d.open(i)) {
            return;
        }
        if (call.incidentId != null) {
            d.reject(Reason.INVALID_STATE, "call " + call.id + " already belongs to incident " + call.incidentId);
            return;
        }
        d.emit(new CallLinked(call.id, i.id));
        if (!call.schemeIds.isEmpty()) {
            SchemeMatching.checkGrade(d, i);
        }
    }

    static void regrade(Decision d, Regrade c) {
        if (!d.permitted()) {
            return;
        }
        IncidentState i = d.incident(c.incidentId());
        if (i == null || !d.open(i)) {
            return;
        }
        if (i.grade == c.grade()) {
            d.reject(Reason.INVALID_STATE, "incident " + i.id + " is already graded " + c.grade());
            return;
        }
        d.emit(new IncidentRegraded(i.id, c.grade(), d.room.targetAt(i.createdAt, c.grade()), c.reason()));
        SchemeMatching.checkGrade(d, i);
    }
}
