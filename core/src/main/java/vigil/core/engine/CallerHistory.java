package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Policy;

/**
 * Earlier calls by CLI and by address within the history window, so a call handler sees who has called before. Not a
 * scheme concept: any call with a number or an address is remembered. Bounded by the window: calls older than it are
 * dropped, oldest first. A lookup costs the handful of calls it names, not the length of a caller's history: counts
 * come from the sizes of the per-key queues, and only the {@link PreviousContactsFound#MOST_RECENT} newest are read.
 */
final class CallerHistory {
    /** What a call's history holds: the most recent earlier calls (oldest first), how many in all, any domestic. */
    record Found(List<String> callIds, int count, boolean domestic) {}

    static final class Ref {
        /** Recording order: calls come in time order, so this orders them by time too. */
        final long order;
        final String callId;
        final Instant at;
        final String cli;
        final String addressKey;
        boolean domestic;

        Ref(long order, String callId, Instant at, String cli, String addressKey) {
            this.order = order;
            this.callId = callId;
            this.at = at;
            this.cli = cli;
            this.addressKey = addressKey;
        }
    }

    /** The calls sharing one key, oldest first, and how many of them led to a domestic incident. */
    static final class Calls {
        final ArrayDeque<Ref> refs = new ArrayDeque<>(2);
        int domestic;

        void dropHead() {
            if (refs.pollFirst().domestic) {
                domestic--;
            }
        }
    }

    private final Policy policy;
    // Read and refilled by the snapshot codec (SnapshotWriter, SnapshotReader).
    final ArrayDeque<Ref> inOrder = new ArrayDeque<>();
    final Map<String, Calls> byCli = new HashMap<>();
    final Map<String, Calls> byAddress = new HashMap<>();
    /** Calls sharing both the CLI and the address: counted once in the union of the two. */
    final Map<String, Calls> byBoth = new HashMap<>();
    final Map<String, Ref> byCallId = new HashMap<>();
    long recorded;
    Instant nextPrune;

    CallerHistory(Policy policy) {
        this.policy = policy;
    }

    void remember(String callId, Instant at, String cli, String addressKey) {
        prune(at);
        String c = CallerLines.isE164(cli) ? cli : null;
        if (c == null && addressKey == null) {
            return;
        }
        Ref r = new Ref(++recorded, callId, at, c, addressKey);
        inOrder.addLast(r);
        byCallId.put(callId, r);
        add(byCli, c, r);
        add(byAddress, addressKey, r);
        add(byBoth, both(r), r);
    }

    static void add(Map<String, Calls> index, String key, Ref r) {
        if (key != null) {
            index.computeIfAbsent(key, k -> new Calls()).refs.addLast(r);
        }
    }

    static String both(Ref r) {
        return r.cli == null || r.addressKey == null ? null : r.cli + '\n' + r.addressKey;
    }

    void markDomestic(String callId) {
        Ref r = byCallId.get(callId);
        if (r == null || r.domestic) {
            return;
        }
        r.domestic = true;
        countDomestic(byCli, r.cli, r);
        countDomestic(byAddress, r.addressKey, r);
        countDomestic(byBoth, both(r), r);
    }

    private static void countDomestic(Map<String, Calls> index, String key, Ref r) {
        Calls calls = key == null ? null : index.get(key);
        // Only while the index still holds the call: one dropped from the window no longer counts.
        if (calls != null && !calls.refs.isEmpty() && calls.refs.peekFirst().order <= r.order) {
            calls.domestic++;
        }
    }

    /** The calls before {@code callId} within the window before {@code now} sharing its CLI or address; null if none. */
    Found earlierContacts(String callId, Instant now) {
        Ref self = byCallId.get(callId);
        if (self == null) {
            return null;
        }
        Instant cutoff = policy.historyWindow().subtractFrom(now, policy.zone());
        Calls cli = inWindow(byCli, self.cli, cutoff);
        Calls address = inWindow(byAddress, self.addressKey, cutoff);
        Calls both = inWindow(byBoth, both(self), cutoff);
        int count = size(cli) + size(address) - size(both) - 1; // the call itself is in all three
        if (count <= 0) {
            return null;
        }
        boolean domestic = domestic(cli) + domestic(address) - domestic(both) > 0;
        return new Found(mostRecent(cli, address, self), count, domestic);
    }

    /**
     * The calls within the window before {@code now} sharing {@code cli} (E.164) or {@code addressKey}, for a call not
     * yet recorded; null if none. Reads only: nothing is dropped from the indexes.
     */
    Found lookup(String cli, String addressKey, Instant now) {
        Instant cutoff = policy.historyWindow().subtractFrom(now, policy.zone());
        java.util.Set<Ref> union = new java.util.HashSet<>();
        for (Calls calls : new Calls[] {CallerLines.isE164(cli) ? byCli.get(cli) : null,
                                        addressKey == null ? null : byAddress.get(addressKey)}) {
            if (calls != null) {
                for (Ref r : calls.refs) {
                    if (!r.at.isBefore(cutoff)) {
                        union.add(r);
                    }
                }
            }
        }
        if (union.isEmpty()) {
            return null;
        }
        List<Ref> newest = new ArrayList<>(union);
        newest.sort((a, b) -> Long.compare(b.order, a.order));
        List<String> ids = new ArrayList<>();
        for (Ref r : newest.subList(0, Math.min(PreviousContactsFound.MOST_RECENT, newest.size()))) {
            ids.add(r.callId);
        }
        Collections.reverse(ids);
        return new Found(ids, union.size(), union.stream().anyMatch(r -> r.domestic));
    }

    /** The key's calls with those before {@code cutoff} dropped (exactly, not at the once-a-minute prune). */
    private static Calls inWindow(Map<String, Calls> index, String key, Instant cutoff) {
        Calls calls = key == null ? null : index.get(key);
        if (calls == null) {
            return null;
        }
        while (!calls.refs.isEmpty() && calls.refs.peekFirst().at.isBefore(cutoff)) {
            calls.dropHead();
        }
        return calls;
    }

    private static int size(Calls c) {
        return c == null ? 0 : c.refs.size();
    }

    private static int domestic(Calls c) {
        return c == null ? 0 : c.domestic;
    }

    /** The newest calls of the two queues, merged newest first and read once each, then put oldest first. */
    private static List<String> mostRecent(Calls cli, Calls address, Ref self) {
        Iterator<Ref> a = cli == null ? Collections.emptyIterator() : cli.refs.descendingIterator();
        Iterator<Ref> b = address == null ? Collections.emptyIterator() : address.refs.descendingIterator();
        Ref x = next(a, self);
        Ref y = next(b, self);
        List<String> ids = new ArrayList<>(PreviousContactsFound.MOST_RECENT);
        while ((x != null || y != null) && ids.size() < PreviousContactsFound.MOST_RECENT) {
            Ref newest = y == null || (x != null && x.order >= y.order) ? x : y;
            ids.add(newest.callId);
            if (x == newest) {
                x = next(a, self);
            }
            if (y == newest) {
                y = next(b, self);
            }
        }
        Collections.reverse(ids);
        return ids;
    }

    private static Ref next(Iterator<Ref> it, Ref self) {
        while (it.hasNext()) {
            Ref r = it.next();
            if (r != self) {
                return r;
            }
        }
        return null;
    }

    /**
     * Drops calls older than the history window, oldest first, so the indexes never outgrow the window. Done at most
     * once a minute of engine time (the window's edge costs a time-zone calculation); lookups cut exactly.
     */
    private void prune(Instant now) {
        if (nextPrune != null && now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plusSeconds(60);
        Instant cutoff = policy.historyWindow().subtractFrom(now, policy.zone());
        Ref r;
        while ((r = inOrder.peekFirst()) != null && r.at.isBefore(cutoff)) {
            inOrder.pollFirst();
            if (byCallId.get(r.callId) == r) {
                byCallId.remove(r.callId);
            }
            removeHead(byCli, r.cli, r);
            removeHead(byAddress, r.addressKey, r);
            removeHead(byBoth, both(r), r);
        }
    }

    private static void removeHead(Map<String, Calls> index, String key, Ref r) {
        Calls calls = key == null ? null : index.get(key);
        if (calls == null) {
            return;
        }
        if (calls.refs.peekFirst() == r) {
            calls.dropHead();
        }
        if (calls.refs.isEmpty()) {
            index.remove(key);
        }
    }

    String describe() {
        return "history " + inOrder.size() + "\n";
    }
}
