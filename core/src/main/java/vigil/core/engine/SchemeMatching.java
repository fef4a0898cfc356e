package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.core.Event.GradeBelowScheme;
import vigil.core.Event.MatchedOn;
import vigil.core.Event.PreviousContactsFound;
import vigil.core.Event.PreviousSchemeFound;
import vigil.core.Event.SchemeMatched;
import vigil.core.Recipient;
import vigil.core.Role;

/**
 * Scheme matching: which schemes a call is about, found through indexes by E.164 CLI and by address key, not scans;
 * and the grade check, which flags an incident graded below a matched scheme's required grade. The indexes are kept
 * by {@link Room#apply} (a scheme enters them when it is activated and stays after withdrawal, for the history
 * window); status is checked on lookup.
 */
final class SchemeMatching {
    private final Room room;
    private final Map<String, List<SchemeState>> byCli = new HashMap<>();
    private final Map<String, List<SchemeState>> byAddress = new HashMap<>();
    /** Every scheme in the order it entered the indexes (their lists keep that order): what a snapshot keeps. */
    final List<SchemeState> indexed = new ArrayList<>();

    SchemeMatching(Room room) {
        this.room = room;
    }

    /** Puts an activated scheme into the indexes. Called from {@link Room#apply} only. */
    void index(SchemeState s) {
        indexed.add(s);
        for (String cli : s.clis) {
            byCli.computeIfAbsent(cli, k -> new ArrayList<>(1)).add(s);
        }
        if (s.addressKey != null) {
            byAddress.computeIfAbsent(s.addressKey, k -> new ArrayList<>(1)).add(s);
        }
    }

    /** After a call is recorded: scheme matches, previous schemes, previous contacts, in that order. */
    static void matchCall(Decision d, CallState call) {
        SchemeMatching m = d.room.matching;
        Recipient handler = Recipient.staff(d.by().id());
        List<SchemeState> cliSchemes = call.cli == null ? null : m.byCli.get(call.cli);
        List<SchemeState> addressSchemes = call.addressKey == null ? null : m.byAddress.get(call.addressKey);
        if (cliSchemes == null && addressSchemes == null) {
            previousContacts(d, call, handler);
            return;
        }
        Set<SchemeState> active = new LinkedHashSet<>();
        Map<SchemeState, MatchedOn> how = new HashMap<>();
        Set<SchemeState> withdrawn = new LinkedHashSet<>();
        m.collect(cliSchemes, MatchedOn.CLI, active, how, withdrawn, d.at);
        m.collect(addressSchemes, MatchedOn.ADDRESS, active, how, withdrawn, d.at);
        for (SchemeState s : active) {
            d.emit(new SchemeMatched(call.id, s.id(), how.get(s), s.requiredGrade(), s.form.instructions(), handler));
        }
        for (SchemeState s : withdrawn) {
            if (!active.contains(s)) {
                d.emit(new PreviousSchemeFound(call.id, s.id(), s.withdrawnAt, handler));
            }
        }
        previousContacts(d, call, handler);
    }

    private static void previousContacts(Decision d, CallState call, Recipient handler) {
        CallerHistory.Found found = d.room.history.earlierContacts(call.id, d.at);
        if (found != null) {
            d.emit(new PreviousContactsFound(call.id, found.callIds(), found.count(), found.domestic(), handler));
        }
    }

    /**
     * {@link #matchCall}'s matching for a CLI (E.164) and an address key, recording nothing: the active schemes
     * matched (each once, CLI first) and those withdrawn within the history window.
     */
    void check(String cli, String addressKey, Instant at, List<Queries.SchemeHit> active,
               List<Queries.SchemeHit> withdrawn) {
        Set<SchemeState> on = new LinkedHashSet<>();
        Map<SchemeState, MatchedOn> how = new HashMap<>();
        Set<SchemeState> gone = new LinkedHashSet<>();
        collect(cli == null ? null : byCli.get(cli), MatchedOn.CLI, on, how, gone, at);
        collect(addressKey == null ? null : byAddress.get(addressKey), MatchedOn.ADDRESS, on, how, gone, at);
        for (SchemeState s : on) {
            active.add(new Queries.SchemeHit(s.id(), how.get(s), s.requiredGrade(), s.form.instructions(), null));
        }
        for (SchemeState s : gone) {
            if (!on.contains(s)) {
                withdrawn.add(new Queries.SchemeHit(s.id(), null, s.requiredGrade(), s.form.instructions(),
                        s.withdrawnAt));
            }
        }
    }

    private void collect(List<SchemeState> candidates, MatchedOn on, Set<SchemeState> active,
                         Map<SchemeState, MatchedOn> how, Set<SchemeState> withdrawn, Instant at) {
        if (candidates == null) {
            return;
        }
        Instant cutoff = room.policy.historyWindow().subtractFrom(at, room.policy.zone());
        for (SchemeState s : candidates) {
            if (s.active()) {
                if (active.add(s)) {
                    how.put(s, on);
                }
            } else if (s.status == SchemeState.Status.WITHDRAWN && !s.withdrawnAt.isBefore(cutoff)) {
                withdrawn.add(s);
            }
        }
    }

    /** After an incident is created or regraded: below the required grade of a matched scheme is an alert. */
    static void checkGrade(Decision d, IncidentState i) {
        for (String id : i.schemeIds) {
            SchemeState s = d.room.schemes.get(id);
            if (i.grade.isBelow(s.requiredGrade())) {
                d.emit(new GradeBelowScheme(i.id, s.id(), s.requiredGrade(), d.room.roleIn(Role.CONTROLLER, i.bcu)));
            }
        }
    }
}
