package vigil.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Live state changes in one place, {@code Room.apply}, so that a room rebuilt from the events is the room that
 * recorded them. The state classes ({@code ...State} in the engine) have their fields set only by their own
 * constructors and by the room's change methods ({@code IncidentChanges}, {@code SchemeChanges},
 * {@code GuidanceChanges}), and those are called only from {@code Room.apply}. The one other writer restores a whole
 * room from a snapshot ({@code SnapshotReader}, {@code SnapshotSchemes}, {@code SnapshotGuidance}): it changes nothing
 * that was live. Each rule is also run on a canary that breaks it.
 */
class OnlyTheRoomsApplyChangesState {
    private static final String ENGINE = "vigil.core.engine.";
    private static final Set<String> CHANGES = Set.of(ENGINE + "IncidentChanges", ENGINE + "SchemeChanges",
            ENGINE + "GuidanceChanges");
    private static final Set<String> WRITERS = Set.of(ENGINE + "IncidentChanges", ENGINE + "SchemeChanges",
            ENGINE + "GuidanceChanges", ENGINE + "SnapshotReader", ENGINE + "SnapshotSchemes",
            ENGINE + "SnapshotGuidance");

    private static boolean isState(String className) {
        return className.startsWith(ENGINE) && className.endsWith("State")
                && className.indexOf('.', ENGINE.length()) < 0;
    }

    private static boolean isOwnConstructor(JavaCodeUnit origin, String stateClass) {
        boolean initializer = origin.isConstructor()
                || origin.getName().equals(JavaStaticInitializer.STATIC_INITIALIZER_NAME);
        return initializer && origin.getOwner().getName().equals(stateClass);
    }

    static final DescribedPredicate<JavaFieldAccess> SETS_STATE_OUTSIDE_THE_ROOMS_CHANGES = DescribedPredicate.describe(
            "set a field of a state class outside the room's change methods", access -> {
                String owner = access.getTarget().getOwner().getName();
                JavaCodeUnit origin = access.getOrigin();
                return isState(owner) && !WRITERS.contains(origin.getOwner().getName())
                        && !isOwnConstructor(origin, owner);
            });

    static final DescribedPredicate<JavaMethodCall> CALLS_A_CHANGE_OUTSIDE_APPLY = DescribedPredicate.describe(
            "call the room's change methods other than from Room.apply", call -> {
                String target = call.getTarget().getOwner().getName();
                JavaCodeUnit origin = call.getOrigin();
                String from = origin.getOwner().getName();
                boolean fromApply = from.equals(ENGINE + "Room") && origin.getName().equals("apply");
                return CHANGES.contains(target) && !fromApply && !from.equals(target);
            });

    static final ArchRule ONLY_APPLY_CHANGES_STATE = noClasses()
            .should().setFieldWhere(SETS_STATE_OUTSIDE_THE_ROOMS_CHANGES)
            .orShould().callMethodWhere(CALLS_A_CHANGE_OUTSIDE_APPLY)
            .because("a change made anywhere but Room.apply is a change a rebuilt room does not make");

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vigil.core");

    @Test
    void theRuleLooksAtTheStateAndTheRoom() {
        assertThat(CORE.stream().map(c -> c.getName()).filter(OnlyTheRoomsApplyChangesState::isState))
                .as("state classes").contains(ENGINE + "IncidentState", ENGINE + "UnitState", ENGINE + "CallState",
                        ENGINE + "SchemeState", ENGINE + "DivertState");
        assertThat(CORE.contain(ENGINE + "Room")).isTrue();
        assertThat(WRITERS).allMatch(CORE::contain);
    }

    @Test
    void stateChangesOnlyInTheRoomsApply() {
        ONLY_APPLY_CHANGES_STATE.check(CORE);
    }

    @Test
    void theRuleCatchesAHandlerThatWritesStateItself() {
        EvaluationResult result = ONLY_APPLY_CHANGES_STATE.evaluate(
                new ClassFileImporter().importClasses(canary("SneakyHandler")));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("SneakyHandler.closeQuietly") && line.contains("IncidentState.closed"));
    }

    @Test
    void theRuleCatchesAChangeMadeWithoutAnEventThroughApply() {
        EvaluationResult result = ONLY_APPLY_CHANGES_STATE.evaluate(
                new ClassFileImporter().importClasses(canary("SideDoor")));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("SideDoor.closeWithoutRecording") && line.contains("closed"));
    }

    private static Class<?> canary(String simpleName) {
        try {
            return Class.forName(ENGINE + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no canary " + simpleName, e);
        }
    }
}
