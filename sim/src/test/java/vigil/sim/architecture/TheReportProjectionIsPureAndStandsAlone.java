package vigil.sim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report projection ({@code vigil.sim.report}) is fed events and returns reports: no files, no network, no
 * standard streams, no wall clock, no threads; and it uses nothing of the simulator beyond itself, so the server runs
 * the very same code over its log. The rule is also applied to canaries that break it, and must fail on each.
 */
class TheReportProjectionIsPureAndStandsAlone {
    private static final Set<String> CLOCK_OWNERS = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.Clock");

    static final DescribedPredicate<JavaMethodCall> READS_THE_WALL_CLOCK = DescribedPredicate.describe(
            "read the wall clock", call -> {
                String owner = call.getTarget().getOwner().getName();
                String name = call.getTarget().getName();
                return CLOCK_OWNERS.contains(owner) && (name.equals("now") || name.startsWith("system"))
                        || owner.equals("java.lang.System") && (name.equals("currentTimeMillis")
                        || name.equals("nanoTime"));
            });

    static final DescribedPredicate<JavaFieldAccess> USES_A_STANDARD_STREAM = DescribedPredicate.describe(
            "use a standard stream", access -> access.getTarget().getOwner().getName().equals("java.lang.System")
                    && Set.of("out", "err", "in").contains(access.getTarget().getName()));

    static final DescribedPredicate<JavaClass> DOES_IO_OR_RUNS_THREADS = DescribedPredicate.describe(
            "do file or network I/O or run threads", c -> c.getPackageName().startsWith("java.nio.file")
                    || c.getPackageName().startsWith("java.nio.channels") || c.getPackageName().startsWith("java.net")
                    || c.getPackageName().startsWith("java.sql")
                    || c.getPackageName().equals("java.io") && (c.getSimpleName().startsWith("File")
                    || c.getSimpleName().equals("RandomAccessFile"))
                    || c.isAssignableTo(Thread.class) || c.isAssignableTo(java.util.concurrent.Executor.class));

    static final ArchRule PURE_PROJECTION = noClasses()
            .should().dependOnClassesThat(DOES_IO_OR_RUNS_THREADS)
            .orShould().callMethodWhere(READS_THE_WALL_CLOCK)
            .orShould().accessFieldWhere(USES_A_STANDARD_STREAM)
            .orShould().dependOnClassesThat().resideInAnyPackage("vigil.sim.scenario..", "vigil.sim.replay..",
                    "vigil.sim.json..", "vigil.sim.cli..", "vigil.sim.simulate..", "vigil.sim.despatch..",
                    "vigil.sim.model..", "vigil.sim.generate..")
            .because("the server feeds the same projection from its event log: its time is the events' and its "
                    + "output is what it returns");

    private static final JavaClasses REPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vigil.sim.report");

    @Test
    void theRuleLooksAtTheProjection() {
        assertThat(REPORT.contain(vigil.sim.report.Daris.class)).isTrue();
        assertThat(REPORT.size()).isGreaterThan(8);
    }

    @Test
    void theProjectionDoesNoIoReadsNoClockAndNeedsNoSimulator() {
        PURE_PROJECTION.check(REPORT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FileOpener", "ClockReader", "ScenarioUser", "Printer"})
    void theSameRuleCatchesACanaryThatBreaksIt(String canary) throws ClassNotFoundException {
        JavaClasses classes = new ClassFileImporter().importClasses(Class.forName("vigil.sim.canary." + canary));

        EvaluationResult result = PURE_PROJECTION.evaluate(classes);

        assertThat(result.hasViolation()).as("the rule fires on %s", canary).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(l -> l.contains("vigil.sim.canary." + canary));
    }
}
