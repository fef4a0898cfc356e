package vigil.core.storm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Event;
import vigil.core.Grade;
import vigil.core.Policy;
import vigil.core.Recipient;
import vigil.core.Recorded;
import vigil.core.Role;

/**
 * The storms are only as good as the account they keep. Fed a made-up record with an alarm raised twice, raised
 * early, raised for a closed incident, or never raised, the ledger must say so; fed a correct one, it must not.
 */
class LedgerKnowsAMissedOrRepeatedAlarm {
    private static final Instant T0 = Instant.parse("2018-05-31T22:00:00Z");
    private static final Recipient DESPATCHERS = Recipient.role(Role.DESPATCHER);

    private final Ledger ledger = new Ledger(Policy.metropolitan());
    private long seq;

    private List<Ledger.Breach> read(Event e, Instant at) {
        return ledger.read(new Recorded(++seq, at, e, null));
    }

    private void anSIncidentCreatedAtT0() {
        assertThat(read(new Event.IncidentCreated("CAD-1", "C1", Grade.S, T0.plus(Duration.ofMinutes(60)), null, null,
                null), T0)).isEmpty();
    }

    @Test
    void anUnresourcedAlarmAtTheRightTimeIsFine() {
        anSIncidentCreatedAtT0();

        assertThat(read(new Event.IncidentUnresourced("CAD-1", DESPATCHERS), T0.plus(Duration.ofMinutes(10))))
                .isEmpty();
        assertThat(ledger.missedBy(T0.plus(Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void anUnresourcedAlarmRaisedTwiceIsCaught() {
        anSIncidentCreatedAtT0();
        read(new Event.IncidentUnresourced("CAD-1", DESPATCHERS), T0.plus(Duration.ofMinutes(10)));

        assertThat(read(new Event.IncidentUnresourced("CAD-1", DESPATCHERS), T0.plus(Duration.ofMinutes(11))))
                .extracting(Ledger.Breach::invariant).containsExactly(Invariant.DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE);
    }

    @Test
    void anUnresourcedAlarmRaisedEarlyIsCaught() {
        anSIncidentCreatedAtT0();

        assertThat(read(new Event.IncidentUnresourced("CAD-1", DESPATCHERS), T0.plus(Duration.ofMinutes(9))))
                .extracting(Ledger.Breach::invariant).containsExactly(Invariant.DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE);
    }

    @Test
    void aWarningForAClosedIncidentIsCaught() {
        anSIncidentCreatedAtT0();
        read(new Event.IncidentClosed("CAD-1", "done"), T0.plus(Duration.ofMinutes(5)));

        assertThat(read(new Event.AttendanceWarning("CAD-1", T0.plus(Duration.ofMinutes(60)), DESPATCHERS),
                T0.plus(Duration.ofMinutes(45))))
                .extracting(Ledger.Breach::invariant).containsExactly(Invariant.DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE);
    }

    @Test
    void aWarningForAnAttendedIncidentIsCaught() {
        anSIncidentCreatedAtT0();
        read(new Event.UnitAssigned("CAD-1", "U1"), T0);
        read(new Event.UnitArrived("CAD-1", "U1", true, true), T0.plus(Duration.ofMinutes(20)));

        assertThat(read(new Event.AttendanceWarning("CAD-1", T0.plus(Duration.ofMinutes(60)), DESPATCHERS),
                T0.plus(Duration.ofMinutes(45))))
                .extracting(Ledger.Breach::invariant).containsExactly(Invariant.DEADLINE_FIRES_ONCE_AND_ONLY_WHILE_DUE);
    }

    @Test
    void alarmsThatNeverCameAreCaught() {
        anSIncidentCreatedAtT0();

        assertThat(ledger.missedBy(T0.plus(Duration.ofMinutes(60))))
                .anyMatch(m -> m.startsWith("IncidentUnresourced CAD-1"))
                .anyMatch(m -> m.startsWith("AttendanceWarning CAD-1"))
                .anyMatch(m -> m.startsWith("AttendanceBreached CAD-1"));
    }

    @Test
    void aWrongTargetInTheRecordIsCaught() {
        assertThat(read(new Event.IncidentCreated("CAD-1", "C1", Grade.S, T0.plus(Duration.ofMinutes(59)), null, null,
                null), T0)).extracting(Ledger.Breach::invariant).containsExactly(Invariant.EVENTS_AGREE_WITH_STATE);
    }
}
