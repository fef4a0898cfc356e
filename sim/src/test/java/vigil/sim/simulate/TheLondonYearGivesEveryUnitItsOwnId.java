package vigil.sim.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vigil.sim.model.Model;
import vigil.sim.model.ModelReader;
import vigil.sim.model.ModelUnit;

/**
 * The London year kept in {@code examples/} (the default model of {@code ./vigil bench sim}) names each unit once:
 * Barnet's cars are {@code BNT...}, Harrow's {@code HRW...}. A repeated id is read as another unit with a warning;
 * the copy before issue 9 had Barnet and Harrow sharing ids.
 */
class TheLondonYearGivesEveryUnitItsOwnId {

    @Test
    void theExampleReadsWithoutAWarningAndEveryUnitIdIsItsOwn() {
        Path file = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("../examples/london-year.json");

        Model model = ModelReader.read(file);

        assertThat(model.warnings()).isEmpty();
        assertThat(model.units()).hasSizeGreaterThan(600).extracting(ModelUnit::id).doesNotHaveDuplicates()
                .anyMatch(id -> id.startsWith("BNT")).anyMatch(id -> id.startsWith("HRW"));
    }
}
