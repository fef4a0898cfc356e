package vigil.sim.scenario;

import java.time.Instant;
import java.util.List;
import vigil.core.Command;
import vigil.core.Policy;
import vigil.core.Roster;

/** A checked scenario file: who is on shift, the policy, and the commands in time order. */
public record Scenario(String name, Instant start, Instant until, Policy policy, Roster roster, List<Step> steps) {
    public Scenario {
        steps = List.copyOf(steps);
    }

    /** One timeline entry: its index in the file (from 0), when it happens, and the command. */
    public record Step(int index, Instant at, Command command) {}
}
