package vigil.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.core.Recorded;
import vigil.core.engine.Engine;
import vigil.sim.scenario.Scenario;
import vigil.sim.scenario.ScenarioReader;

/**
 * Every worked scenario, stopped after any step: a snapshot of the engine there, restored, carries on with the rest
 * of the steps and the clock to {@code until}, and the whole replay is byte for byte the uninterrupted one. A snapshot
 * of the restored engine is the snapshot it came from.
 */
class EveryScenarioCarriesOnFromASnapshotAtAnyStep {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(CliRun.resourceDir("scenarios"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.contains(".expected")).sorted().toList();
            assertThat(names).hasSizeGreaterThan(40);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aRestartFromASnapshotChangesNothing(String name) {
        Scenario scenario = ScenarioReader.read(CliRun.resourceDir("scenarios").resolve(name));
        List<String> uninterrupted = lines(scenario, -1);

        for (int cut = 0; cut <= scenario.steps().size(); cut++) {
            assertThat(lines(scenario, cut)).as("%s with a restart after %d steps", name, cut)
                    .isEqualTo(uninterrupted);
        }
    }

    /** The replay's lines; with a snapshot taken and restored after {@code cut} steps unless it is negative. */
    private static List<String> lines(Scenario scenario, int cut) {
        List<Recorded> out = new ArrayList<>();
        Engine engine = Engine.start(scenario.policy(), scenario.roster(), scenario.start());
        List<Scenario.Step> steps = scenario.steps();
        for (int k = 0; k <= steps.size(); k++) {
            if (k == cut) {
                byte[] snapshot = engine.snapshot();
                engine = Engine.restore(scenario.policy(), snapshot);
                assertThat(engine.snapshot()).as("snapshot of the restored engine").isEqualTo(snapshot);
            }
            if (k < steps.size()) {
                Scenario.Step step = steps.get(k);
                out.addAll(engine.submit(step.index(), step.command(), step.at()));
            }
        }
        out.addAll(engine.advanceTo(scenario.until()));
        return out.stream().map(vigil.sim.json.EventJson::line).toList();
    }
}
