package vigil.sim.despatch;

import java.time.Instant;
import java.util.List;
import vigil.core.Command;
import vigil.core.Recorded;
import vigil.core.engine.Queries;

/** Where the simulated staff send their commands: the engine itself in a simulation. */
public interface ControlRoom {

    /** Decides {@code command} at {@code at}; returns the events recorded (deadlines that fell due first included). */
    List<Recorded> submit(Command command, Instant at);

    Queries queries();
}
