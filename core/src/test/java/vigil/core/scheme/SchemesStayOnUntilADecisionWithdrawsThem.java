package vigil.core.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import vigil.core.Actor;
import vigil.core.Command;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;
import vigil.core.Event;
import vigil.core.Policy;
import vigil.core.Recorded;
import vigil.core.engine.Engine;

/**
 * Random storms of scheme commands (requests complete and not, activations, rejections, contact attempts of every
 * outcome, review decisions from the right people and the wrong ones, calls by each scheme's number and address) over
 * months of virtual time, checked against the two promises of issue #3:
 * <ul>
 *   <li>a scheme is never inactive unless a recorded decision withdrew it: every call by an activated scheme's number
 *       or to its address matches it until a {@code SchemeWithdrawn}, however long its end has passed (and nothing
 *       matches a scheme never activated or already withdrawn);</li>
 *   <li>every {@code SchemeWithdrawn} is a person's decision, preceded in the record by a
 *       {@code VictimContactRecorded} for that scheme after its latest {@code FirstStageReviewSent}.</li>
 * </ul>
 * jqwik prints the seed and the shrunk storm of a failure, so it replays exactly.
 */
class SchemesStayOnUntilADecisionWithdrawsThem {
    static final Instant OPENING = SchemeRoom.london("2025-01-06T09:00");
    static final int SCHEMES = 3;
    /** An actor index meaning "the person the contract names for this command". */
    static final int RIGHT_PERSON = -1;

    // --- the storm -----------------------------------------------------------------------------------------------

    sealed interface Op {}

    /** A Form 4564; an incomplete one lacks its CRIS reference. */
    record Request(int scheme, boolean complete) implements Op {}

    record Activate(int scheme, int actor) implements Op {}

    record Reject(int scheme, int actor) implements Op {}

    record Contact(int scheme, ContactOutcome outcome, Set<Explained> explained, int actor) implements Op {}

    record Review(int scheme, SchemeDecision decision, int actor) implements Op {}

    /** A call by the scheme's number (forms 0 to 2) or to its address (forms 3 and 4). */
    record Probe(int scheme, int form) implements Op {}

    record Wait(int hours) implements Op {}

    /**
     * Time runs to the instant the scheme's pending first-stage review falls due, or some hours after it (if it is
     * still to come). At the very instant, a command runs before the review is sent.
     */
    record ToReview(int scheme, int hoursAfter) implements Op {}

    @Provide
    Arbitrary<List<Op>> storms() {
        Arbitrary<Integer> scheme = Arbitraries.integers().between(0, SCHEMES - 1);
        Arbitrary<Integer> actor = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(RIGHT_PERSON)),
                Tuple.of(2, Arbitraries.integers().between(0, SchemeRoom.EVERYONE.size() - 1)));
        Arbitrary<Op> request = Combinators.combine(scheme, Arbitraries.integers().between(0, 5))
                .as((s, k) -> new Request(s, k != 0));
        Arbitrary<Op> activate = Combinators.combine(scheme, actor).as(Activate::new);
        Arbitrary<Op> reject = Combinators.combine(scheme, actor).as(Reject::new);
        Arbitrary<Op> contact = Combinators.combine(scheme, Arbitraries.of(ContactOutcome.class),
                        Arbitraries.of(Explained.class).set(), actor)
                .as(Contact::new);
        Arbitrary<Op> review = Combinators.combine(scheme, Arbitraries.of(SchemeDecision.class), actor)
                .as(Review::new);
        Arbitrary<Op> probe = Combinators.combine(scheme, Arbitraries.integers().between(0, 4)).as(Probe::new);
        Arbitrary<Op> wait = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 48)),
                Tuple.of(3, Arbitraries.integers().between(48, 24 * 60))).map(Wait::new);
        Arbitrary<Op> toReview = Combinators.combine(scheme, Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(1, 72)))).as(ToReview::new);
        // Sizes uniform up to 150: jqwik's default leans to short lists, which rarely live long enough to be decided.
        return Arbitraries.frequencyOf(
                        Tuple.of(4, request), Tuple.of(4, activate), Tuple.of(1, reject), Tuple.of(8, contact),
                        Tuple.of(6, review), Tuple.of(5, probe), Tuple.of(7, wait), Tuple.of(3, toReview))
                .list().ofMinSize(1).ofMaxSize(150).withSizeDistribution(RandomDistribution.uniform());
    }

    // --- the property --------------------------------------------------------------------------------------------

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void aSchemeGoesOffOnlyByADecisionTakenAfterTryingTheVictim(@ForAll("storms") List<Op> storm) {
        Run run = new Run();
        storm.forEach(run::perform);
        run.finalProbes();

        everyProbeMatchesExactlyTheSchemesThatAreOn(run);
        everyWithdrawalFollowsAnAttemptSinceTheLatestReview(run);

        // A canary: storms that never reach a decision, or never outlive a scheme's end, would check little.
        Statistics.label("withdrawn").collect(run.any(Event.SchemeWithdrawn.class));
        Statistics.label("extended").collect(run.any(Event.SchemeExtended.class));
        Statistics.label("past its end undecided").collect(run.any(Event.SchemeReviewOverdue.class));
        Statistics.label("withdrawn").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("extended").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("past its end undecided").coverage(c -> c.check(true).percentage(p -> p >= 30));
    }

    static void everyProbeMatchesExactlyTheSchemesThatAreOn(Run run) {
        Set<String> activated = new java.util.HashSet<>();
        Set<String> withdrawn = new java.util.HashSet<>();
        List<Recorded> log = run.log;
        for (int k = 0; k < log.size(); k++) {
            Event e = log.get(k).event();
            switch (e) {
                case Event.SchemeActivated a -> activated.add(a.schemeId());
                case Event.SchemeWithdrawn w -> withdrawn.add(w.schemeId());
                case Event.CallRecorded c when run.probed.containsKey(c.callId()) -> {
                    String scheme = run.probed.get(c.callId());
                    boolean on = activated.contains(scheme) && !withdrawn.contains(scheme);
                    List<String> matched = new ArrayList<>();
                    for (int j = k + 1; j < log.size() && log.get(j).at().equals(log.get(k).at())
                            && !(log.get(j).event() instanceof Event.CallRecorded); j++) {
                        if (log.get(j).event() instanceof Event.SchemeMatched m && m.callId().equals(c.callId())) {
                            matched.add(m.schemeId());
                        }
                    }
                    if (!matched.equals(on ? List.of(scheme) : List.of())) {
                        fail("call " + c.callId() + " at " + log.get(k).at() + " probing " + scheme + " ("
                                + (on ? "activated, never withdrawn" : activated.contains(scheme) ? "withdrawn"
                                : "never activated") + ") matched " + matched + "\n" + run.story(scheme));
                    }
                }
                default -> { }
            }
        }
    }

    static void everyWithdrawalFollowsAnAttemptSinceTheLatestReview(Run run) {
        Map<String, Long> latestReview = new HashMap<>();
        Map<String, Boolean> attemptedSince = new HashMap<>();
        for (Recorded r : run.log) {
            switch (r.event()) {
                case Event.FirstStageReviewSent f -> {
                    latestReview.put(f.schemeId(), r.seq());
                    attemptedSince.put(f.schemeId(), false);
                }
                case Event.VictimContactRecorded v when latestReview.containsKey(v.schemeId()) ->
                        attemptedSince.put(v.schemeId(), true);
                case Event.SchemeWithdrawn w -> {
                    assertThat(r.by()).as("a withdrawal is somebody's decision\n%s", run.story(w.schemeId()))
                            .isNotNull();
                    if (!latestReview.containsKey(w.schemeId())) {
                        fail("withdrawn (#" + r.seq() + ") with no first-stage review before it\n"
                                + run.story(w.schemeId()));
                    }
                    if (!attemptedSince.get(w.schemeId())) {
                        fail("withdrawn (#" + r.seq() + ") with no contact attempt recorded after the first-stage "
                                + "review #" + latestReview.get(w.schemeId()) + "\n" + run.story(w.schemeId()));
                    }
                }
                default -> { }
            }
        }
    }

    // --- running a storm -----------------------------------------------------------------------------------------

    static final class Run {
        final Engine engine = Engine.start(Policy.metropolitan(), SchemeRoom.ROSTER, OPENING);
        final List<Recorded> log = new ArrayList<>();
        /** Probe call id to the scheme it was aimed at. */
        final Map<String, String> probed = new HashMap<>();
        Instant now = OPENING;
        long step;

        static String schemeId(int s) {
            return "S" + s;
        }

        static String cli(int s, int form) {
            String national = "7700 9001" + s + "0";
            return switch (form) {
                case 0 -> "0" + national;
                case 1 -> "+44 " + national;
                default -> "0044" + national.replace(" ", "");
            };
        }

        static String address(int s, int form) {
            String a = "Flat " + (s + 1) + ", 10 Storm Road, London SE1 1AA";
            return form == 3 ? a : a.toLowerCase(java.util.Locale.ROOT).replace(",", "").replace("se1 1aa", "se11aa");
        }

        void perform(Op op) {
            switch (op) {
                case Request r -> {
                    SchemeRoom.Form f = SchemeRoom.form(schemeId(r.scheme())).withClis(cli(r.scheme(), 0))
                            .withAddress(address(r.scheme(), 3));
                    submit((r.complete() ? f : f.withCrimeRef(null)).requested());
                }
                case Activate a -> submit(new Command.ActivateScheme(who(a.actor(), SchemeRoom.RTRD),
                        schemeId(a.scheme())));
                case Reject r -> submit(new Command.RejectScheme(who(r.actor(), SchemeRoom.RTRD),
                        schemeId(r.scheme()), "storm"));
                case Contact c -> submit(new Command.RecordVictimContact(who(c.actor(), SchemeRoom.OIC),
                        schemeId(c.scheme()), "PHONE", c.outcome(),
                        c.explained().isEmpty() ? EnumSet.noneOf(Explained.class) : EnumSet.copyOf(c.explained()),
                        null));
                case Review r -> submit(new Command.ReviewScheme(who(r.actor(), SchemeRoom.OIC),
                        schemeId(r.scheme()), r.decision(), "storm"));
                case Probe p -> probe(p.scheme(), p.form());
                case Wait w -> now = now.plus(Duration.ofHours(w.hours()));
                case ToReview t -> {
                    Instant due = pendingFirstReview(schemeId(t.scheme()));
                    if (due != null && due.isAfter(now)) {
                        now = due.plus(Duration.ofHours(t.hoursAfter()));
                    }
                }
            }
        }

        /** After the storm: two years on, every scheme is probed by number and by address. */
        void finalProbes() {
            now = now.plus(Duration.ofDays(730));
            log.addAll(engine.advanceTo(now));
            for (int s = 0; s < SCHEMES; s++) {
                for (int form = 0; form <= 4; form++) {
                    probe(s, form);
                }
            }
        }

        private void probe(int s, int form) {
            String callId = "P" + (probed.size() + 1);
            probed.put(callId, schemeId(s));
            submit(form <= 2 ? SchemeRoom.callFrom(callId, cli(s, form)) : SchemeRoom.callAbout(callId, address(s, form)));
        }

        private static Actor who(int actor, Actor rightPerson) {
            return actor == RIGHT_PERSON ? rightPerson : SchemeRoom.EVERYONE.get(actor);
        }

        private void submit(Command c) {
            log.addAll(engine.submit(step++, c, now));
        }

        private Instant pendingFirstReview(String schemeId) {
            Instant due = null;
            for (Recorded r : log) {
                if (r.event() instanceof Event.SchemeActivated a && a.schemeId().equals(schemeId)) {
                    due = a.firstReviewAt();
                } else if (r.event() instanceof Event.SchemeExtended x && x.schemeId().equals(schemeId)) {
                    due = x.firstReviewAt();
                }
            }
            return due;
        }

        boolean any(Class<? extends Event> type) {
            return log.stream().anyMatch(r -> type.isInstance(r.event()));
        }

        /** The scheme's own events, for a failure message. */
        String story(String schemeId) {
            return log.stream().filter(r -> mentions(r.event(), schemeId))
                    .map(r -> "  #" + r.seq() + " " + r.at() + " " + r.event() + (r.by() == null ? "" : " by " + r.by()))
                    .collect(Collectors.joining("\n"));
        }

        private static boolean mentions(Event e, String schemeId) {
            for (var c : e.getClass().getRecordComponents()) {
                if (c.getName().equals("schemeId")) {
                    try {
                        return schemeId.equals(c.getAccessor().invoke(e));
                    } catch (ReflectiveOperationException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
            }
            return false;
        }
    }
}
