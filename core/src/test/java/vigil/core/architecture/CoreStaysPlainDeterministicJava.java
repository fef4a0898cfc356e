package vigil.core.architecture;

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
import java.time.Clock;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core is plain Java that gets its time as an input: no framework, no database, no wall clock, no threads. Only
 * then does the same scenario give the same events, byte for byte. A rule can silently check nothing, so the same
 * rule object is also applied to canaries that break it, and must fail on each.
 */
class CoreStaysPlainDeterministicJava {

    private static final Set<String> CLOCK_TYPES = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");

    /** Reading the wall clock: {@code X.now()} (unless given a Clock), System time, the system Clock. */
    static final DescribedPredicate<JavaMethodCall> READS_THE_WALL_CLOCK = DescribedPredicate.describe(
            "read the wall clock", call -> {
                String owner = call.getTarget().getOwner().getName();
                String name = call.getTarget().getName();
                boolean givenAClock = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(p -> p.isEquivalentTo(Clock.class));
                return name.equals("now") && CLOCK_TYPES.contains(owner) && !givenAClock
                        || owner.equals("java.lang.System") && (name.equals("currentTimeMillis")
                        || name.equals("nanoTime"))
                        || owner.equals("java.time.Clock") && name.startsWith("system");
            });

    static final DescribedPredicate<JavaClass> RUNS_WORK_ON_OTHER_THREADS =
            JavaClass.Predicates.assignableTo(Thread.class)
                    .or(JavaClass.Predicates.assignableTo(Executor.class))
                    .or(JavaClass.Predicates.equivalentTo(Executors.class))
                    .or(JavaClass.Predicates.assignableTo(CompletableFuture.class))
                    .or(JavaClass.Predicates.assignableTo(Timer.class));

    static final ArchRule PLAIN_DETERMINISTIC_JAVA = noClasses()
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "jakarta..", "java.sql..", "javax.sql..")
            .orShould().callMethodWhere(READS_THE_WALL_CLOCK)
            .orShould().dependOnClassesThat(RUNS_WORK_ON_OTHER_THREADS)
            .because("the engine is a single-writer state machine whose time is an input: the same commands must "
                    + "give the same events, in replay, in simulation and after a restart");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vigil.core");

    @Test
    void theRuleLooksAtTheWholeCoreAndOnlyTheCore() {
        assertThat(CORE.size()).as("classes imported from vigil.core").isGreaterThan(20);
        assertThat(CORE.contain(vigil.core.engine.Engine.class)).isTrue();
        assertThat(CORE.contain(vigil.core.Command.class)).isTrue();
        assertThat(CORE.stream().map(JavaClass::getPackageName))
                .as("test code is not part of the core").noneMatch(p -> p.startsWith("vigil.core.story")
                        || p.startsWith("vigil.core.storm"));
    }

    @Test
    void theCoreUsesNoFrameworkNoDatabaseNoWallClockAndNoThreads() {
        PLAIN_DETERMINISTIC_JAVA.check(CORE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"WallClockReader", "MillisecondCounter", "LocalTimeTeller", "Sleeper", "PooledWorker",
            "DatabaseUser"})
    void theSameRuleCatchesACanaryThatBreaksIt(String canary) {
        JavaClasses classes = new ClassFileImporter().importClasses(canaryClass(canary));
        assertThat(classes.size()).as("canary classes imported").isEqualTo(1);

        EvaluationResult result = PLAIN_DETERMINISTIC_JAVA.evaluate(classes);

        assertThat(result.hasViolation()).as("the rule fires on %s", canary).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("vigil.canary." + canary));
    }

    @Test
    void theWallClockCanaryIsReportedForItsCallToInstantNow() {
        EvaluationResult result = PLAIN_DETERMINISTIC_JAVA.evaluate(
                new ClassFileImporter().importPackages("vigil.canary"));

        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("WallClockReader.stamp()") && line.contains("Instant.now()"));
    }

    private static Class<?> canaryClass(String simpleName) {
        try {
            return Class.forName("vigil.canary." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no canary " + simpleName, e);
        }
    }
}
