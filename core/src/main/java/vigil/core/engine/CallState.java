package vigil.core.engine;

import java.time.Instant;

/** A recorded call, while live state needs it (to create or link an incident). */
final class CallState {
    final String id;
    final Instant at;
    final String cli;
    final String addressKey;
    String incidentId;
    /** The active scheme this call matched, with its required grade; null when none. */
    String schemeId;

    CallState(String id, Instant at, String cli, String addressKey) {
        this.id = id;
        this.at = at;
        this.cli = cli;
        this.addressKey = addressKey;
    }
}
