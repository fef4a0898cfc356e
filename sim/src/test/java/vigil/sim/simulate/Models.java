package vigil.sim.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;

/** The test models in {@code src/test/resources/models}, read and run. */
final class Models {
    private Models() {}

    static String text(String name) {
        try (InputStream in = Models.class.getResourceAsStream("/models/" + name)) {
            if (in == null) {
                throw new AssertionError("no test model " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model model(String name) {
        return ModelReader.parse(text(name));
    }

    static Summary run(String name) {
        Model m = model(name);
        return Simulation.run(m, m.seed(), Progress.silent());
    }
}
