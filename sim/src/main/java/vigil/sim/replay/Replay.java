package vigil.sim.replay;

import java.util.function.Consumer;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.sim.scenario.Scenario;

/**
 * Runs a scenario through the engine under a virtual clock: each step at its instant (deadlines due strictly before
 * it fire first), then the clock runs on to {@code until}, firing every deadline on the way.
 */
public final class Replay {
    private Replay() {}

    /** Replays {@code scenario}, handing every event to {@code sink} in order; returns the engine as it ends. */
    public static Engine run(Scenario scenario, Consumer<Recorded> sink) {
        Engine engine = Engine.start(scenario.policy(), scenario.roster(), scenario.start());
        for (Scenario.Step step : scenario.steps()) {
            engine.submit(step.index(), step.command(), step.at()).forEach(sink);
        }
        engine.advanceTo(scenario.until()).forEach(sink);
        return engine;
    }
}
