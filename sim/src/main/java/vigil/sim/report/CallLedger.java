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
    /** Calls changed since the last {@link #drainChanged}, when tracked. */
    private final java.util.BitSet changed;

    CallLedger(boolean trackChanges) {
        this.changed = trackChanges ? new java.util.BitSet() : null;
    }

    /**
     * The calls changed since the last call, each with the rest of its block (as {@link IncidentLedger#drainChanged}),
     * as rows to save (a waiting call with its id); forgets them.
     */
    java.util.List<Rows.Call> drainChanged(int block) {
        java.util.List<Rows.Call> out = new java.util.ArrayList<>(changed.cardinality());
        java.util.Map<Integer, String> waitingIds = new java.util.HashMap<>();
        if (!changed.isEmpty()) {
            // Only the waiting calls of the blocks to save: a day's calls may wait, and drains come every batch.
            java.util.BitSet blocks = new java.util.BitSet();
            changed.stream().forEach(row -> blocks.set(row / block));
            waiting.forEach((id, row) -> {
                if (blocks.get(row / block)) {
                    waitingIds.put(row, id);
                }
            });
        }
        for (int row = changed.nextSetBit(0); row >= 0; ) {
            int end = Math.min(row - row % block + block, size());
            for (int r = row - row % block; r < end; r++) {
                out.add(new Rows.Call(r, recordedAt.get(r), (int) incidentRow.get(r), waitingIds.get(r)));
            }
            row = changed.nextSetBit(end);
        }
        changed.clear();
        return out;
    }

    /** Appends a saved call, its incident row already translated to this ledger's (see {@link #reorder}). */
    void restore(Rows.Call c, int incident) {
        int row = recordedAt.add(c.recordedAt());
        incidentRow.add(incident);
        if (c.waitingCallId() != null) {
            waiting.put(c.waitingCallId(), row);
        }
    }

    /** Puts restored calls in {@code order} (call k becomes the call that was {@code order[k]}), the record's. */
    void reorder(int[] order) {
        int[] place = LongColumn.places(order);
        recordedAt.reorder(order);
        incidentRow.reorder(order);
        java.util.TreeMap<Integer, String> byRow = new java.util.TreeMap<>();
        waiting.forEach((id, old) -> byRow.put(place[old], id));
        waiting.clear();
        byRow.forEach((row, id) -> waiting.put(id, row)); // oldest first again
    }

    /** After a restore: forget waiting calls already past the window at {@code now}. */
    void expireWaiting(long now) {
        waiting.values().removeIf(row -> now - recordedAt.get(row) > ATTRIBUTION_WINDOW_NANOS);
    }

    int size() {
        return recordedAt.size();
    }

    int waitingCount() {
        return waiting.size();
    }

    void record(String callId, long at) {
        int row = recordedAt.add(at);
        incidentRow.add(-1);
        if (changed != null) {
            changed.set(row);
        }
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
        if (call != null) {
            // -2: no longer waiting, and never made into an incident the reports know of
            incidentRow.set(call, row >= 0 ? row : -2);
            if (changed != null) {
                changed.set(call);
            }
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
