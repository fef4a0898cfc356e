package vigil.sim.report;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every call recorded, in order: its instant, and the incident it became or was linked to (a row of the
 * {@link IncidentLedger}, or -1), so demand can be filtered by the incident's BCU and grade. A call not yet made into
 * an incident waits by id for at most {@link #ATTRIBUTION_WINDOW_NANOS}; after that it still counts in demand but
 * is never attributed, so calls nobody made an incident of cannot pile up.
 */
final class CallLedger {
    /** One day: an incident is made of a call, or a call linked, within minutes, not days. */
    static final long ATTRIBUTION_WINDOW_NANOS = 86_400L * 1_000_000_000L;

    private final LongColumn recordedAt = new LongColumn();
    private final LongColumn incidentRow = new LongColumn();
    /** Calls with no incident yet, oldest first. */
    private final LinkedHashMap<String, Integer> waiting = new LinkedHashMap<>();

    int size() {
        return recordedAt.size();
    }

    int waitingCount() {
        return waiting.size();
    }

    void record(String callId, long at) {
        int row = recordedAt.add(at);
        incidentRow.add(-1);
        Iterator<Map.Entry<String, Integer>> oldest = waiting.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Integer> e = oldest.next();
            if (at - recordedAt.get(e.getValue()) <= ATTRIBUTION_WINDOW_NANOS) {
                break;
            }
            oldest.remove();
        }
        waiting.remove(callId); // an id that comes back is a new call
        waiting.put(callId, row);
    }

    /** The call becomes, or is linked to, the incident in {@code row}; the first such incident is its own. */
    void attribute(String callId, int row) {
        Integer call = waiting.remove(callId);
        if (call != null && row >= 0) {
            incidentRow.set(call, row);
        }
    }

    long recordedAt(int call) {
        return recordedAt.get(call);
    }

    /** The incident row of the call, or -1. */
    int incidentRow(int call) {
        return (int) incidentRow.get(call);
    }

    int firstRecordedAtOrAfter(long at) {
        return recordedAt.firstAtLeast(at);
    }
}
