package vigil.core.storm;

/** What must hold after every step of every storm. Each property test checks one, so a failure names it. */
enum Invariant {
    /** Queries: a unit is committed to at most one incident, and unit and incident agree on it. */
    UNIT_ON_AT_MOST_ONE_INCIDENT,
    /** Queries: every open, unattended incident has a committed unit or is in the unresourced queue (and only they). */
    OPEN_INCIDENT_RESOURCED_OR_QUEUED,
    /** Every UnitDiverted is followed, in the same command, by one DivertTagged and one DivertReviewRequested. */
    DIVERT_TAGGED_AND_REVIEW_REQUESTED,
    /** A deadline event fires only while its condition holds, at most once per condition, never when closed. */
    DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE,
    /** A deadline whose condition held until it fell due has fired by the time the clock passes it. */
    DUE_DEADLINE_FIRES,
    /** An engine rebuilt from the events has the same state, and carries on exactly like the live one. */
    REBUILD_MATCHES_LIVE,
    /**
     * An engine restored from a snapshot taken at a cut point drawn from the seed carries on exactly like the live
     * one, and at the end both snapshot to the same bytes; a snapshot of a restored engine is the one it came from.
     */
    SNAPSHOT_MATCHES_LIVE,
    /** IncidentClosed comes only from a CloseIncident for that incident, after a UnitCleared for each unit on it. */
    CLOSED_ONLY_BY_COMMAND,
    /** seq runs 1..n without gaps, at never goes backwards, a command's own events are at its instant. */
    SEQ_AND_TIME,
    /** A refused command yields exactly one CommandRejected naming its step and command, and nothing else. */
    REFUSAL_STANDS_ALONE,
    /** Event fields say what the contract says (targets, withinTarget, firstAttendance) and queries agree with them. */
    EVENTS_AGREE_WITH_STATE
}
