package vigil.sim.canary;

import vigil.sim.scenario.Scenario;

/** Canary: depends on the simulator's scenario reading, which the server's copy of the projection must not need. */
public class ScenarioUser {
    public String name(Scenario s) {
        return s.name();
    }
}
