package vigil.core.engine;

import vigil.core.Policy;

/**
 * The snapshot format's marks (ADR 012): a magic number, a version and, last, a CRC-32 of all before it. A reader
 * takes only its own version; any other is refused, and the caller rebuilds from the log. Change {@link #VERSION}
 * whenever what is written changes, in any way.
 */
final class SnapshotFormat {
    /** "VGLS". */
    static final int MAGIC = 0x56474C53;
    static final int VERSION = 3; // 2: guidance; 3: an incident's divert audit and reallocation tasked (audit 9)

    private SnapshotFormat() {}

    /**
     * The policy a snapshot was taken under, as text. Deadlines already armed and windows already applied came from
     * it, so a room restored under another policy would not be the room a rebuild under that policy gives: refused.
     * A {@link Policy} is a record of values with an enum-keyed map, so its text is the same in every JVM.
     */
    static String policyKey(Policy policy) {
        return policy.toString();
    }
}
