package vigil.sim.despatch;

import java.time.Instant;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.sim.generate.SyntheticCall;

/** An open incident as the simulated staff see it: its call, whether it waits, and what has happened to it. */
public final class Job {
    final SyntheticCall call;
    final String incidentId;
    /** The crew committed to it now, or null. */
    Crew crew;
    /** In the despatch queue now. */
    boolean queued;
    /** 2018 way: the crew it was diverted from, which the staff still believe is coming. */
    Crew staleCrew;
    boolean foundNoUnit;
    boolean attended;
    boolean breached;
    boolean divertedFrom;
    boolean orphaned;

    Job(SyntheticCall call, String incidentId) {
        this.call = call;
        this.incidentId = incidentId;
    }

    public String incidentId() {
        return incidentId;
    }

    public Grade grade() {
        return call.grade();
    }

    public Instant createdAt() {
        return call.at();
    }

    public String zoneId() {
        return call.zoneId();
    }

    public Location location() {
        return call.location();
    }

    /** True when it found no unit available when created. */
    public boolean foundNoUnit() {
        return foundNoUnit;
    }

    /** True when a unit was diverted away from it at least once. */
    public boolean divertedFrom() {
        return divertedFrom;
    }

    /** True when its attendance target passed before a unit arrived. */
    public boolean breached() {
        return breached;
    }
}
