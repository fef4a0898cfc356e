package vigil.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import vigil.core.Location;
import vigil.server.config.VigilProperties;
import vigil.sim.model.Zone;

/**
 * The shift's parts that need no server: where the log leaves its calls is found in a few look-ups however long the
 * shift ran; the built-in model's units join the room in their own BCU, named as the demo room names its units, each
 * at its own place in its area; the speed scales the shift's own time; the settings come from {@code VIGIL_DEMO_*}.
 */
class TheShiftsModelAndSettings {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 7, 8, 9, 1000, 1024, 1025, 123_457, 9_876_543})
    void theLastCallTheLogHoldsIsFoundInAFewLookUps(long recorded) {
        AtomicInteger lookUps = new AtomicInteger();

        long found = CallHandler.lastRecorded(n -> {
            lookUps.incrementAndGet();
            return n <= recorded;
        });

        assertThat(found).isEqualTo(recorded);
        int bound = 2 * (64 - Long.numberOfLeadingZeros(recorded)) + 2;
        assertThat(lookUps.get()).as("look-ups for %d calls", recorded).isLessThanOrEqualTo(bound);
    }

    @Test
    void theBuiltInModelsUnitsJoinTheirOwnBcuNamedAsTheDemoRoomNamesItsUnits() {
        DemoModel model = DemoModel.load(null);
        Map<String, Zone> zones = new HashMap<>();
        model.model().zones().forEach(z -> zones.put(z.id(), z));

        assertThat(zones.keySet()).containsExactlyInAnyOrder("SE", "CE", "CN");
        assertThat(model.units()).hasSize(15).extracting(DemoModel.Unit::id).contains("SE-1", "CE-3", "CN-5");
        assertThat(model.units()).filteredOn(u -> u.id().equals("SE-1")).singleElement()
                .satisfies(u -> assertThat(u.callSign()).isEqualTo("SE21"))
                .satisfies(u -> assertThat(u.bcu()).isEqualTo("SE"));
        Set<Location> places = new HashSet<>();
        for (DemoModel.Unit u : model.units()) {
            Zone z = zones.get(u.bcu());
            assertThat(u.place().kmTo(z.centre())).as(u.id()).isLessThanOrEqualTo(z.radiusKm());
            places.add(u.place());
        }
        assertThat(places).as("no two units on one spot").hasSize(model.units().size());
        assertThat(DemoModel.callSign("CN-12")).isEqualTo("CN32");
        assertThat(DemoModel.callSign("Lima 2")).isEqualTo("Lima 2");
    }

    @Test
    void theSpeedScalesTheShiftsOwnTime() {
        assertThat(new Speed(10).onTheWall(Duration.ofMinutes(45))).isEqualTo(Duration.ofSeconds(270));
        assertThat(new Speed(0.5).onTheWall(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(1));
        assertThat(new Speed(2.5)).hasToString("2.5");
        assertThat(new Speed(60)).hasToString("60");
    }

    @Test
    void theSettingsComeFromVigilDemoEnvironmentVariables() {
        VigilProperties none = bind(Map.of());
        assertThat(none.demoShift()).isFalse();
        assertThat(none.demoSpeed()).isEqualTo(1.0);
        assertThat(none.demoModel()).isNull();
        assertThat(DemoSettings.problem(none)).isNull();
        assertThat(DemoSettings.describe(none)).isNull();

        VigilProperties set = bind(Map.of("VIGIL_DEMO_SHIFT", "true", "VIGIL_DEMO_SPEED", "12.5",
                "VIGIL_DEMO_MODEL", "/srv/vigil/shift.json"));
        assertThat(set.demoShift()).isTrue();
        assertThat(set.demoSpeed()).isEqualTo(12.5);
        assertThat(set.demoModel()).isEqualTo(Path.of("/srv/vigil/shift.json"));
        assertThat(set.demo()).as("the demo room is another setting").isTrue();

        VigilProperties realTime = bind(Map.of("VIGIL_DEMO_SHIFT", "true"));
        assertThat(DemoSettings.problem(realTime)).isNull();
        assertThat(DemoSettings.describe(realTime)).startsWith("a synthetic shift runs in real time");
        assertThat(new VigilProperties(0, Path.of("data"), null, new VigilProperties.Db(null, null, null, null, null),
                null, true).demoShift()).as("the settings as they were before the shift").isFalse();
        assertThat(List.of(DemoSettings.problem(bind(Map.of("VIGIL_DEMO_SHIFT", "true", "VIGIL_DEMO_SPEED", "0.05")))))
                .singleElement().asString().contains("0.05");
    }

    private static VigilProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("vigil", VigilProperties.class);
    }
}
