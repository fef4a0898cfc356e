package vigil.core.storm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vigil.core.Recorded;
import vigil.core.engine.Engine;

/**
 * Random storms of commands (right and wrong people, known and unknown ids, any order, time jumping about) with the
 * clock advanced at random. Whatever the storm, the control room must keep its promises after every step. Each
 * property throws its own storms; a failure prints the seed that replays it and the storm shrunk to the few steps
 * that matter.
 */
class CommandStormsKeepTheControlRoomHonest {

    @Test
    void aUnitIsCommittedToAtMostOneIncident() {
        Storms.hold(Invariant.UNIT_ON_AT_MOST_ONE_INCIDENT);
    }

    @Test
    void everyOpenUnattendedIncidentHasAUnitOrIsInTheQueue() {
        Storms.hold(Invariant.OPEN_INCIDENT_RESOURCED_OR_QUEUED);
    }

    @Test
    void everyDivertTagsTheOriginalAndAsksForAReview() {
        Storms.hold(Invariant.DIVERT_TAGGED_AND_REVIEW_REQUESTED);
    }

    @Test
    void noDeadlineFiresTwiceEarlyOrForAClosedOrAttendedIncident() {
        Storms.hold(Invariant.DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE);
    }

    @Test
    void everyDeadlineThatFallsDueFires() {
        Storms.hold(Invariant.DUE_DEADLINE_FIRES);
    }

    @Test
    void anEngineRebuiltFromTheEventsCarriesOnLikeTheLiveOne() {
        Storms.hold(Invariant.REBUILD_MATCHES_LIVE);
    }

    @Test
    void anEngineRestoredFromASnapshotCarriesOnLikeTheLiveOne() {
        Storms.hold(Invariant.SNAPSHOT_MATCHES_LIVE);
    }

    @Test
    void onlyCloseIncidentClosesAnIncident() {
        Storms.hold(Invariant.CLOSED_ONLY_BY_COMMAND);
    }

    @Test
    void eventsAreNumberedWithoutGapsAndTimeNeverRunsBackwards() {
        Storms.hold(Invariant.SEQ_AND_TIME);
    }

    @Test
    void aRefusedCommandRecordsOneRefusalAndNothingElse() {
        Storms.hold(Invariant.REFUSAL_STANDS_ALONE);
    }

    @Test
    void eventsSayWhatTheContractSaysAndQueriesAgree() {
        Storms.hold(Invariant.EVENTS_AGREE_WITH_STATE);
    }

    /** The storms must reach the states the invariants are about, or the properties above prove little. */
    @Test
    void stormsReachDivertsReviewsAndEveryKindOfAlarm() {
        Map<String, Integer> produced = new TreeMap<>();
        for (long seed = 1; seed <= 100; seed++) {
            Storm storm = Storm.generate(seed);
            Engine engine = Engine.start(storm.policy(), Storm.ROSTER, Storm.START);
            Storm.Seen seen = new Storm.Seen();
            Instant t = Storm.START;
            for (int k = 0; k < storm.ops().size(); k++) {
                Storm.Op op = storm.ops().get(k);
                t = t.plusSeconds(op.gapSeconds());
                List<Recorded> out = op.kind() == Storm.Kind.ADVANCE ? engine.advanceTo(t)
                        : engine.submit(k, Storm.command(op, engine.queries(), seen), t);
                out.forEach(seen::read);
                out.forEach(r -> produced.merge(r.event().type(), 1, Integer::sum));
            }
        }
        assertThat(produced).as("event types the storms produced: %s", produced).containsKeys(
                "UnitDiverted", "DivertApproved", "DivertOverridden", "OverrideChallenged", "ChallengeResolved",
                "ReallocationRequested", "ReallocationTasked", "DivertAudited", "IncidentRegraded", "IncidentClosed",
                "UnitArrived", "AssignmentUnacknowledged", "DivertReviewOverdue", "IncidentUnresourced",
                "AttendanceWarning", "AttendanceBreached", "CommandRejected", "UnitStatusChanged");
        int all = produced.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(produced.getOrDefault("CommandRejected", 0)).as("refusals must not drown the storm")
                .isLessThan(all * 3 / 5);
    }
}
