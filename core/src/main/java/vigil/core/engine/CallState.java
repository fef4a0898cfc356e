package vigil.core.engine;

import java.time.Instant;
import java.util.List;

/** A recorded call, while live state needs it (to create or link an incident). */
final class CallState {
    final String id;
    final Instant at;
    final String cli;
    final String addressKey;
    final vigil.core.Location location;
    String incidentId;
    /** Active schemes this call matched; empty when none. */
    List<String> schemeIds = List.of();

    CallState(String id, Instant at, String cli, String addressKey, vigil.core.Location location) {
        this.id = id;
        this.at = at;
        this.cli = cli;
        this.addressKey = addressKey;
        this.location = location;
    }
}
