package vigil.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.core.story.Acts.addStaff;
import static vigil.core.story.Acts.addUnit;
import static vigil.core.story.Acts.assign;
import static vigil.core.story.Acts.auditDivert;
import static vigil.core.story.Acts.clear;
import static vigil.core.story.Acts.close;
import static vigil.core.story.Acts.confirmGuidance;
import static vigil.core.story.Acts.divert;
import static vigil.core.story.Acts.publishGuidance;
import static vigil.core.story.Acts.removeStaff;
import static vigil.core.story.Acts.retireUnit;
import static vigil.core.story.Acts.reviewDivertFrom;
import static vigil.core.story.Acts.unit;
import static vigil.core.story.ControlRoom.CAD_1;
import static vigil.core.story.ControlRoom.CAD_2;
import static vigil.core.story.ControlRoom.CAD_3;
import static vigil.core.story.ControlRoom.CONTROLLER;
import static vigil.core.story.ControlRoom.DESPATCHER;
import static vigil.core.story.ControlRoom.OIC;
import static vigil.core.story.ControlRoom.ROSTER;
import static vigil.core.story.ControlRoom.SHIFT_START;
import static vigil.core.story.ControlRoom.U1;
import static vigil.core.story.ControlRoom.U2;
import static vigil.core.story.ControlRoom.U3;
import static vigil.core.story.SchemeActs.activate;
import static vigil.core.story.SchemeActs.call;
import static vigil.core.story.SchemeActs.callFrom;
import static vigil.core.story.SchemeActs.createIncident;
import static vigil.core.story.SchemeActs.form;
import static vigil.core.story.SchemeActs.link;
import static vigil.core.story.SchemeActs.regrade;
import static vigil.core.story.SchemeActs.victimToldOfScheme;
import static vigil.core.story.SchemeActs.withdraw;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.core.Command;
import vigil.core.Command.AuditOutcome;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.Role;
import vigil.core.Span;
import vigil.core.engine.Engine;
import vigil.core.engine.SnapshotRefused;

/**
 * A restart must not have to replay the whole log: the server keeps snapshots of the engine. A room restored from a
 * snapshot taken at any point of a busy night (schemes matched and withdrawn, callers calling again, a divert, closed
 * work forgotten, the roster changed, guidance confirmed and reminded) answers and carries on exactly like the room it
 * was taken from. A snapshot that cannot be trusted is refused, so the caller rebuilds from the log instead.
 */
class ARestoredSnapshotCarriesOnLikeTheRoomItWasTakenFrom {
    /** Closed work leaves live state six hours after, so forgetting happens within the night. */
    static final Policy POLICY = Policy.metropolitan().withRetainClosedFor(Span.parse("PT6H"));
    static final String HOME = "Flat 2, 10 Example Road, London SE1 1AA";

    record Step(Instant at, Command command) {}

    /** A busy night, in time order: every area of the room changes somewhere in it. */
    static List<Step> night() {
        List<Step> s = new ArrayList<>();
        add(s, 0, form("S1").requested(), activate("S1"), form("S2").withAddress("1 Other Street, London SE1 2BB")
                .withClis("07700 900999").requested(), activate("S2"));
        add(s, 5, call("C1", "07700 900123", HOME), createIncident(CAD_1, "C1", Grade.S, true),
                assign(U1).to(CAD_1).command(), publishGuidance("SOP-1", Role.DESPATCHER, Role.CONTROLLER).command());
        add(s, 6, unit(U1).acknowledges(CAD_1).command(), confirmGuidance("SOP-1", DESPATCHER).command(),
                callFrom("C2", "07700 900999"),
                createIncident(CAD_2, "C2", Grade.I, false));
        add(s, 8, divert(U1).to(CAD_2).command(), callFrom("C3", "07700 900123"), link("C3", CAD_1));
        add(s, 9, reviewDivertFrom(CAD_1).approve().command(), assign(U2).to(CAD_1).command());
        add(s, 12, unit(U1).arrivesAt(CAD_2).command(), regrade(CAD_1, Grade.I), victimToldOfScheme("S1"));
        add(s, 20, unit(U2).arrivesAt(CAD_1).command(), addUnit("U4", "MD24", "SE", new Location(51.51, -0.11))
                .command(), addStaff("dsp2", Role.DESPATCHER, "SE").command());
        add(s, 40, clear(U1, CAD_2).command(), close(CAD_2).command(), retireUnit(U3).command());
        add(s, 60, callFrom("C4", "07700 900999"), removeStaff("dsp2").command());
        add(s, 90, call("C5", null, HOME), createIncident(CAD_3, "C5", Grade.E, false),
                assign("U4").to(CAD_3).command());
        add(s, 600, clear(U2, CAD_1).command(), close(CAD_1).command(), callFrom("C6", "07700 900123"));
        add(s, 700, auditDivert(CAD_1, AuditOutcome.APPROPRIATE).command()); // then CAD_1 may be forgotten
        add(s, 1000, callFrom("C7", "07700 900999"), unit("U4").arrivesAt(CAD_3).command());
        add(s, DAY * 3, confirmGuidance("SOP-1", CONTROLLER).command()); // after two daily reminders
        // After S1's first-stage review (28 days before its six months are up): the victim told, the scheme ended.
        add(s, DAY * 160, victimToldOfScheme("S1"), withdraw("S1", OIC));
        add(s, DAY * 161, callFrom("C8", "07700 900123"));
        return s;
    }

    private static final long DAY = 24 * 60;

    private static void add(List<Step> steps, long minute, Command... commands) {
        Instant at = SHIFT_START.plus(Duration.ofMinutes(minute));
        for (Command c : commands) {
            steps.add(new Step(at, c));
        }
    }

    static final Instant UNTIL = SHIFT_START.plus(Duration.ofDays(200));

    /** Runs the night from {@code from} on an engine, then the clock on to {@link #UNTIL}; the events it recorded. */
    static List<Recorded> carryOn(Engine engine, List<Step> steps, int from) {
        List<Recorded> out = new ArrayList<>();
        for (int k = from; k < steps.size(); k++) {
            out.addAll(engine.submit(k, steps.get(k).command(), steps.get(k).at()));
        }
        out.addAll(engine.advanceTo(UNTIL));
        return out;
    }

    @Test
    void aSnapshotTakenAfterAnyStepRestoresARoomThatCarriesOnIdentically() {
        List<Step> steps = night();
        List<Recorded> uninterrupted = carryOn(Engine.start(POLICY, ROSTER, SHIFT_START), steps, 0);
        assertThat(uninterrupted).extracting(r -> r.event().type()).contains("SchemeMatched", "PreviousContactsFound",
                "PreviousSchemeFound", "UnitDiverted", "DivertApproved", "UnitAdded", "StaffRemoved", "UnitRetired",
                "FirstStageReviewSent", "SchemeReviewOverdue", "GuidancePublished", "GuidanceConfirmed",
                "GuidanceReminderSent").doesNotContain("CommandRejected");

        for (int cut = 0; cut <= steps.size(); cut++) {
            Engine live = Engine.start(POLICY, ROSTER, SHIFT_START);
            List<Recorded> head = new ArrayList<>();
            for (int k = 0; k < cut; k++) {
                head.addAll(live.submit(k, steps.get(k).command(), steps.get(k).at()));
            }
            byte[] snapshot = live.snapshot();

            Engine restored = Engine.restore(POLICY, snapshot);

            assertThat(restored.snapshot()).as("snapshot of the restored room, cut after %d steps", cut)
                    .isEqualTo(snapshot);
            assertThat(restored.queries().describe()).isEqualTo(live.queries().describe());
            assertThat(restored.lastSeq()).isEqualTo(live.lastSeq());
            assertThat(restored.clock()).isEqualTo(live.clock());
            assertThat(restored.nextDeadline()).isEqualTo(live.nextDeadline());
            List<Recorded> all = new ArrayList<>(head);
            all.addAll(carryOn(restored, steps, cut));
            assertThat(all).as("events with a restart after %d steps", cut).isEqualTo(uninterrupted);
        }
    }

    /**
     * The server restarts from its last snapshot and the events logged after it, where it used to rebuild from the
     * whole log: the two rooms must carry on alike. (Not byte for byte: a rebuilt room still holds deadlines that
     * fell due and fired nothing, which the live room had dropped; they fire nothing in either.)
     */
    @Test
    void aRoomRestoredFromASnapshotAndTheEventsAfterItIsTheRoomRebuiltFromTheWholeLog() {
        List<Step> steps = night();
        int half = steps.size() / 2;
        int end = steps.size() - 3;
        Engine live = Engine.start(POLICY, ROSTER, SHIFT_START);
        List<Recorded> log = new ArrayList<>();
        byte[] snapshot = null;
        for (int k = 0; k < end; k++) {
            log.addAll(live.submit(k, steps.get(k).command(), steps.get(k).at()));
            if (k == half) {
                snapshot = live.snapshot();
            }
        }

        Engine restored = Engine.restore(POLICY, snapshot);
        long taken = restored.lastSeq();
        log.stream().filter(r -> r.seq() > taken).forEach(restored::apply);
        Engine rebuilt = Engine.rebuild(POLICY, ROSTER, SHIFT_START, log);

        assertThat(restored.queries().describe()).isEqualTo(rebuilt.queries().describe());
        assertThat(restored.lastSeq()).isEqualTo(rebuilt.lastSeq());
        assertThat(carryOn(restored, steps, end)).isEqualTo(carryOn(rebuilt, steps, end)).isNotEmpty();
    }

    @Test
    void aSnapshotOfAnotherFormatVersionIsRefusedSoTheCallerRebuilds() {
        byte[] snapshot = Engine.start(POLICY, ROSTER, SHIFT_START).snapshot();
        snapshot[7] = 99; // the version, after the four bytes of the magic number

        assertThatThrownBy(() -> Engine.restore(POLICY, snapshot)).isInstanceOf(SnapshotRefused.class)
                .hasMessageContaining("format 99");
    }

    @Test
    void aSnapshotTakenUnderAnotherPolicyIsRefused() {
        byte[] snapshot = Engine.start(POLICY, ROSTER, SHIFT_START).snapshot();

        assertThatThrownBy(() -> Engine.restore(Policy.metropolitan(), snapshot)).isInstanceOf(SnapshotRefused.class)
                .hasMessageContaining("another policy");
    }

    @Test
    void aDamagedOrShortenedSnapshotIsRefused() {
        Engine engine = Engine.start(POLICY, ROSTER, SHIFT_START);
        carryOn(engine, night().subList(0, 10), 0);
        byte[] snapshot = engine.snapshot();

        byte[] flipped = snapshot.clone();
        flipped[flipped.length / 2] ^= 1;
        assertThatThrownBy(() -> Engine.restore(POLICY, flipped)).isInstanceOf(SnapshotRefused.class)
                .hasMessageContaining("damaged");
        for (int length : new int[] {0, 9, snapshot.length / 2, snapshot.length - 1}) {
            assertThatThrownBy(() -> Engine.restore(POLICY, Arrays.copyOf(snapshot, length)))
                    .as("cut to %d bytes", length).isInstanceOf(SnapshotRefused.class);
        }
        assertThatThrownBy(() -> Engine.restore(POLICY, "not a snapshot at all, nothing like one".getBytes()))
                .isInstanceOf(SnapshotRefused.class);
    }
}
