package vigil.sim.despatch;

import java.time.Instant;

/** What the simulated staff tell whoever keeps the figures. Every method does nothing unless overridden. */
public interface DespatchObserver {

    /** A call was recorded and its incident created. */
    default void called(Job job) {}

    /** A unit was committed to {@code job} (by assignment or by divert). */
    default void dispatched(Job job, String unitId, boolean outOfArea) {}

    /** {@code unitId} was diverted from {@code original} to {@code to}. */
    default void diverted(Job original, Job to, String unitId) {}

    /** The first unit arrived; {@code withinTarget} is null for a grade with no target. */
    default void attended(Job job, Instant at, Boolean withinTarget) {}

    /** The job was left neither served nor waiting in the queue (reported once per job). */
    default void orphaned(Job job) {}

    /** The job's incident was closed. */
    default void closed(Job job) {}

    /** The job's incident is still open when the run stops. */
    default void stillOpen(Job job) {}

    /** The engine committed the unit (it was free). */
    default void unitCommitted(String unitId, Instant at) {}

    /** The engine released the unit (it is free). */
    default void unitReleased(String unitId, Instant at) {}
}
