package vigil.sim.report;

import static vigil.sim.report.Nanos.NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.Explained;
import vigil.core.Command.SchemeDecision;

/**
 * One activated scheme and everything done about it, each with its instant and place in the record ({@code seq}),
 * so a report can say how it stood at any end of period. "Since the first-stage review" is by order of recording,
 * as in the engine: a contact at the review's very instant was recorded before the review was sent.
 */
final class SchemeRecord {
    final String schemeId;
    final String bcu;
    final long activatedAt;
    /** When the victim must have been told of the scheme. */
    final long informBy;
    private final List<Contact> contacts = new ArrayList<>(4);
    private final List<Stamp> firstStages = new ArrayList<>(1);
    private final List<Stamp> secondStages = new ArrayList<>(1);
    private final List<Decision> decisions = new ArrayList<>(1);
    /** The scheme's end as activation set it and each extension moved it. */
    private final List<End> ends = new ArrayList<>(1);

    private record Contact(long seq, long at, boolean contacted, Set<Explained> explained) {
        boolean explainedAll(Explained... what) {
            return contacted && explained.containsAll(List.of(what));
        }
    }

    private record Stamp(long seq, long at) {}

    private record Decision(long seq, long at, SchemeDecision decision, boolean victimInformed) {}

    private record End(long at, long maxUntil) {}

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    /** Everything done about it, as saved ({@link Rows.Scheme#data}). */
    String data() {
        tools.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
        o.put("informBy", informBy);
        tools.jackson.databind.node.ArrayNode c = o.putArray("contacts");
        for (Contact x : contacts) {
            tools.jackson.databind.node.ArrayNode e = c.addArray().add(x.seq()).add(x.at()).add(x.contacted())
                    .addArray();
            x.explained().stream().map(Enum::name).sorted().forEach(e::add);
        }
        stamps(o.putArray("firstStages"), firstStages);
        stamps(o.putArray("secondStages"), secondStages);
        tools.jackson.databind.node.ArrayNode d = o.putArray("decisions");
        decisions.forEach(x -> d.addArray().add(x.seq()).add(x.at()).add(x.decision().name()).add(x.victimInformed()));
        tools.jackson.databind.node.ArrayNode e = o.putArray("ends");
        ends.forEach(x -> e.addArray().add(x.at()).add(x.maxUntil()));
        return JSON.writeValueAsString(o);
    }

    private static void stamps(tools.jackson.databind.node.ArrayNode a, List<Stamp> stamps) {
        stamps.forEach(x -> a.addArray().add(x.seq()).add(x.at()));
    }

    static SchemeRecord of(Rows.Scheme row) {
        tools.jackson.databind.JsonNode o = JSON.readTree(row.data());
        tools.jackson.databind.JsonNode ends = o.get("ends");
        SchemeRecord s = new SchemeRecord(row.schemeId(), row.bcu(), row.activatedAt(), ends.get(0).get(1).asLong(),
                o.get("informBy").asLong());
        s.ends.clear();
        ends.forEach(x -> s.ends.add(new End(x.get(0).asLong(), x.get(1).asLong())));
        for (tools.jackson.databind.JsonNode x : o.get("contacts")) {
            java.util.EnumSet<Explained> ex = java.util.EnumSet.noneOf(Explained.class);
            x.get(3).forEach(n -> ex.add(Explained.valueOf(n.asString())));
            s.contacts.add(new Contact(x.get(0).asLong(), x.get(1).asLong(), x.get(2).asBoolean(), Set.copyOf(ex)));
        }
        o.get("firstStages").forEach(x -> s.firstStages.add(new Stamp(x.get(0).asLong(), x.get(1).asLong())));
        o.get("secondStages").forEach(x -> s.secondStages.add(new Stamp(x.get(0).asLong(), x.get(1).asLong())));
        o.get("decisions").forEach(x -> s.decisions.add(new Decision(x.get(0).asLong(), x.get(1).asLong(),
                SchemeDecision.valueOf(x.get(2).asString()), x.get(3).asBoolean())));
        return s;
    }

    SchemeRecord(String schemeId, String bcu, long activatedAt, long maxUntil, long informBy) {
        this.schemeId = schemeId;
        this.bcu = bcu;
        this.activatedAt = activatedAt;
        this.informBy = informBy;
        ends.add(new End(activatedAt, maxUntil));
    }

    void contact(long seq, long at, ContactOutcome outcome, Set<Explained> explained) {
        contacts.add(new Contact(seq, at, outcome == ContactOutcome.CONTACTED, Set.copyOf(explained)));
    }

    void firstStage(long seq, long at) {
        firstStages.add(new Stamp(seq, at));
    }

    void secondStage(long seq, long at) {
        secondStages.add(new Stamp(seq, at));
    }

    void extended(long seq, long at, long maxUntil) {
        decisions.add(new Decision(seq, at, SchemeDecision.EXTEND, false));
        ends.add(new End(at, maxUntil));
    }

    void withdrawn(long seq, long at, boolean victimInformed) {
        decisions.add(new Decision(seq, at, SchemeDecision.WITHDRAW, victimInformed));
    }

    Report.Scheme asOf(long to) {
        long informedAt = NONE;
        long attempts = 0;
        for (Contact c : contacts) {
            if (c.at() > to) {
                break;
            }
            attempts++;
            if (informedAt == NONE && c.explainedAll(Explained.SCHEME, Explained.DURATION)) {
                informedAt = c.at();
            }
        }
        // Told at the deadline's very instant is in time: the contact was recorded before the deadline fired.
        Boolean inTime = informedAt != NONE ? Boolean.valueOf(informedAt <= informBy)
                : informBy <= to ? Boolean.FALSE : null;
        Stamp first = latest(firstStages, to);
        Stamp second = latest(secondStages, to);
        Decision decision = null;
        for (Decision d : decisions) {
            if (d.at() <= to) {
                decision = d;
            }
        }
        long end = NONE;
        for (End e : ends) {
            if (e.at() <= to) {
                end = e.maxUntil();
            }
        }
        boolean withdrawn = decision != null && decision.decision() == SchemeDecision.WITHDRAW;
        return new Report.Scheme(schemeId, Nanos.instant(activatedAt), Nanos.instant(informedAt), inTime, attempts,
                first == null ? null : Nanos.instant(first.at()), second == null ? null : Nanos.instant(second.at()),
                decision == null ? null : decision.decision(), decision == null ? null : Nanos.instant(decision.at()),
                decision == null ? null : informedOf(decision, to), !withdrawn && end <= to);
    }

    /**
     * A withdrawal says itself whether the victim was told; an extension was told when a CONTACTED attempt that
     * explained EXTENSION was recorded since the first-stage review of the cycle it ended (up to {@code to}).
     */
    private boolean informedOf(Decision d, long to) {
        if (d.decision() == SchemeDecision.WITHDRAW) {
            return d.victimInformed();
        }
        long reviewSeq = Long.MIN_VALUE;
        for (Stamp s : firstStages) {
            if (s.seq() < d.seq()) {
                reviewSeq = s.seq();
            }
        }
        for (Contact c : contacts) {
            if (c.at() > to) {
                break;
            }
            if (c.seq() > reviewSeq && c.explainedAll(Explained.EXTENSION)) {
                return true;
            }
        }
        return false;
    }

    private static Stamp latest(List<Stamp> stamps, long to) {
        Stamp found = null;
        for (Stamp s : stamps) {
            if (s.at() <= to) {
                found = s;
            }
        }
        return found;
    }
}
