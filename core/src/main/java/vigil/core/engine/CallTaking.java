package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the call handler's screen asks while a call is being taken ({@link Queries#checkCaller},
 * {@link Queries#openIncidentsAt}): the same matching as {@code RecordCall}'s, recording nothing.
 */
final class CallTaking {
    private CallTaking() {}

    /** What recording a call with {@code cli} and {@code address} would find at {@code at}. */
    static Queries.CallerCheck check(Room room, String cli, String address, Instant at) {
        String line = cli == null || cli.isBlank() ? null : CallerLines.normalise(cli);
        String key = address == null ? null : Addresses.key(address);
        List<Queries.SchemeHit> active = new ArrayList<>();
        List<Queries.SchemeHit> withdrawn = new ArrayList<>();
        room.matching.check(line, key, at, active, withdrawn);
        CallerHistory.Found found = room.history.lookup(line, key, at);
        return new Queries.CallerCheck(line, active, withdrawn, found == null ? 0 : found.count(),
                found == null ? List.of() : found.callIds(), found != null && found.domestic());
    }

    /** Open incidents whose calls were about {@code address} (its key), most urgent first. */
    static List<Queries.IncidentView> openIncidentsAt(Room room, String address) {
        String key = address == null ? null : Addresses.key(address);
        if (key == null) {
            return List.of();
        }
        return room.incidents.values().stream().filter(IncidentState::open)
                .filter(i -> key.equals(addressKey(room, i.callId)) || i.linkedCalls.stream()
                        .anyMatch(c -> key.equals(addressKey(room, c))))
                .sorted(IncidentState.QUEUE_ORDER).map(Queries::view).toList();
    }

    private static String addressKey(Room room, String callId) {
        CallState c = room.calls.get(callId);
        return c == null ? null : c.addressKey;
    }
}
