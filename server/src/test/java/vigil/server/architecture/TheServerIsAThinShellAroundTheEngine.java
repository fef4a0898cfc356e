package vigil.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import vigil.core.engine.Engine;
import vigil.server.VigilServer;
import vigil.server.clock.WallClock;

/**
 * The server's shape, checked: Spring Modulith modules with no cycles and only declared dependencies; the engine held
 * by the log module alone (HTTP threads never touch it); the wall clock read by the clock adapter alone. The same rule
 * objects are applied to canaries that break them, so a rule that silently checks nothing is caught.
 */
class TheServerIsAThinShellAroundTheEngine {
    private static final Set<String> CLOCK_TYPES = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    /**
     * Reading the wall clock or passing time by sleeping. {@code System.nanoTime} is not the wall clock: it measures
     * elapsed time for timeouts and is allowed.
     */
    static final DescribedPredicate<JavaMethodCall> READS_THE_WALL_CLOCK = DescribedPredicate.describe(
            "read the wall clock or sleep", call -> {
                String owner = call.getTarget().getOwner().getName();
                String name = call.getTarget().getName();
                boolean givenAClock = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(p -> p.isEquivalentTo(Clock.class));
                return name.equals("now") && CLOCK_TYPES.contains(owner) && !givenAClock
                        || owner.equals("java.lang.System") && name.equals("currentTimeMillis")
                        || owner.equals("java.time.Clock") && name.startsWith("system")
                        || owner.equals("java.time.InstantSource") && name.equals("system")
                        || owner.equals("java.lang.Thread") && name.equals("sleep")
                        || owner.equals("java.util.Date") && name.equals("<init>")
                                && call.getTarget().getRawParameterTypes().isEmpty();
            });

    static final ArchRule ONE_CLOCK_ADAPTER = noClasses()
            .that().doNotHaveFullyQualifiedName(WallClock.class.getName())
            .should().callMethodWhere(READS_THE_WALL_CLOCK)
            .orShould().callConstructorWhere(DescribedPredicate.describe("new Date()", c ->
                    c.getTarget().getOwner().getName().equals("java.util.Date")
                            && c.getTarget().getRawParameterTypes().isEmpty()))
            .because("time enters through one clock adapter, so the log (and tests) decide what time it is");

    static final ArchRule ONLY_THE_LOG_HOLDS_THE_ENGINE = noClasses()
            .that().resideOutsideOfPackage("vigil.server.log..")
            .should().dependOnClassesThat(JavaClass.Predicates.equivalentTo(Engine.class))
            .because("the engine is not thread-safe: only the writer thread (in the log module) touches it");

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vigil.server");

    @Test
    void theModulesDependOnlyAsDeclaredAndTheirDiagramIsInDocs() throws IOException {
        ApplicationModules modules = ApplicationModules.of(VigilServer.class);
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("api", "clock", "db", "log", "staff");

        modules.verify();

        Path generated = Path.of("target/spring-modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml();
        // The documenter lists components and relations in no fixed order: sort them, so the diagram kept in docs/
        // changes only when the modules do.
        String diagram = sortedRuns(Files.readString(generated.resolve("components.puml")));
        assertThat(diagram).contains("HTTP API", "Event log", "Database");
        Path kept = Path.of("../docs/modules/components.puml");
        if (!Files.exists(kept) || !Files.readString(kept).equals(diagram)) {
            Files.createDirectories(kept.getParent());
            Files.writeString(kept, diagram);
        }
    }

    /** Sorts each run of consecutive {@code Component(} lines and of {@code Rel(} lines. */
    private static String sortedRuns(String puml) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        String runKind = null;
        for (String line : puml.split("\n", -1)) {
            String kind = line.trim().startsWith("Rel(") ? "Rel" : line.trim().startsWith("Component(") ? "Component"
                    : null;
            if (!Objects.equals(kind, runKind)) {
                run.sort(null);
                out.addAll(run);
                run.clear();
                runKind = kind;
            }
            if (kind == null) {
                out.add(line);
            } else {
                run.add(line);
            }
        }
        run.sort(null);
        out.addAll(run);
        return String.join("\n", out);
    }

    @Test
    void theRulesLookAtTheWholeServer() {
        assertThat(SERVER.contain(vigil.server.log.Writer.class)).isTrue();
        assertThat(SERVER.contain(WallClock.class)).isTrue();
        assertThat(SERVER.stream().map(JavaClass::getPackageName)).noneMatch(p -> p.contains("canary"));
    }

    @Test
    void onlyTheClockAdapterReadsTheWallClock() {
        ONE_CLOCK_ADAPTER.check(SERVER);
    }

    @Test
    void onlyTheLogModuleHoldsTheEngine() {
        ONLY_THE_LOG_HOLDS_THE_ENGINE.check(SERVER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ReadsTheWallClock", "SleepsOnTheJob"})
    void theClockRuleCatchesACanary(String canary) {
        EvaluationResult result = ONE_CLOCK_ADAPTER.evaluate(canary(canary));

        assertThat(result.hasViolation()).as("the rule fires on %s", canary).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(l -> l.contains("vigil.server.canary." + canary));
    }

    @Test
    void theEngineRuleCatchesACanary() {
        EvaluationResult result = ONLY_THE_LOG_HOLDS_THE_ENGINE.evaluate(canary("HoldsTheEngine"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(l -> l.contains("HoldsTheEngine"));
    }

    private static JavaClasses canary(String simpleName) {
        try {
            return new ClassFileImporter().importClasses(Class.forName("vigil.server.canary." + simpleName));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no canary " + simpleName, e);
        }
    }
}
