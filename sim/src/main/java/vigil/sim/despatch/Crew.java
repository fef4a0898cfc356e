package vigil.sim.despatch;

import java.util.ArrayList;
import java.util.List;
import vigil.core.Actor;

/** A unit as the simulated staff see it: its current job and, in the 2018 way, the originals still showing it. */
final class Crew {
    final String id;
    final String homeZone;
    final Actor actor;
    Job job;
    /** Bumped on every new commitment, so a wake-up scheduled for an earlier one does nothing. */
    long token;
    /** 2018 way: incidents it was diverted away from that still show it as assigned. Small: a divert chain. */
    final List<Job> staleOriginals = new ArrayList<>(1);

    Crew(String id, String homeZone) {
        this.id = id;
        this.homeZone = homeZone;
        this.actor = Actor.unit(id);
    }
}
