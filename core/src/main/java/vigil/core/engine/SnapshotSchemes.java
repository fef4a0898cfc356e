package vigil.core.engine;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vigil.core.Command.ContactOutcome;
import vigil.core.Command.ContactPreference;
import vigil.core.Command.Explained;
import vigil.core.Event.SchemeRequested;
import vigil.core.Grade;

/**
 * The schemes' part of a snapshot: each scheme (its Form 4564 as requested, where it stands, its contacts) in the
 * room's order, then the order schemes entered the matching indexes, which is the order matches are raised in.
 */
final class SnapshotSchemes {
    private SnapshotSchemes() {}

    static void write(SnapshotWriter w, Room room) throws IOException {
        w.integer(room.schemes.size());
        for (SchemeState s : room.schemes.values()) {
            SchemeRequested f = s.form;
            w.string(f.schemeId());
            w.string(f.address());
            w.strings(f.clis());
            w.string(f.victimName());
            w.bool(f.preferredContact() != null);
            if (f.preferredContact() != null) {
                w.string(f.preferredContact().method());
                w.string(f.preferredContact().detail());
            }
            w.string(f.oic());
            w.string(f.bcu());
            w.string(f.crimeRef());
            w.string(f.instructions());
            w.enumeration(f.requiredGrade());
            w.enumeration(s.status);
            w.instant(s.activatedAt);
            w.instant(s.maxUntil);
            w.instant(s.firstReviewAt);
            w.longInteger(s.cycle);
            w.instant(s.firstStageSentAt);
            w.integer(s.contactsBeforeReview);
            w.bool(s.secondStageAlerted);
            w.bool(s.reviewOverdueAlerted);
            w.bool(s.contactOverdueAlerted);
            w.instant(s.victimInformedAt);
            w.instant(s.withdrawnAt);
            w.integer(s.contacts.size());
            for (SchemeState.Contact c : s.contacts) {
                w.instant(c.at());
                w.enumeration(c.outcome());
                w.strings(c.explained().stream().sorted().map(Enum::name).toList());
            }
        }
        w.strings(room.matching.indexed.stream().map(SchemeState::id).toList());
    }

    static void read(SnapshotReader r, Room room) throws IOException {
        int n = r.count();
        for (int k = 0; k < n; k++) {
            String id = r.string();
            String address = r.string();
            List<String> clis = r.strings();
            String victim = r.string();
            ContactPreference preferred = r.bool() ? new ContactPreference(r.string(), r.string()) : null;
            SchemeRequested form = new SchemeRequested(id, address, clis, victim, preferred, r.string(), r.string(),
                    r.string(), r.string(), r.enumeration(Grade.class));
            SchemeState s = new SchemeState(form);
            s.status = r.enumeration(SchemeState.Status.class);
            s.activatedAt = r.instant();
            s.maxUntil = r.instant();
            s.firstReviewAt = r.instant();
            s.cycle = r.longInteger();
            s.firstStageSentAt = r.instant();
            s.contactsBeforeReview = r.integer();
            s.secondStageAlerted = r.bool();
            s.reviewOverdueAlerted = r.bool();
            s.contactOverdueAlerted = r.bool();
            s.victimInformedAt = r.instant();
            s.withdrawnAt = r.instant();
            int contacts = r.count();
            for (int c = 0; c < contacts; c++) {
                s.contacts.add(new SchemeState.Contact(r.instant(), r.enumeration(ContactOutcome.class),
                        explained(r.strings())));
            }
            room.schemes.put(id, s);
        }
        for (String id : r.strings()) {
            SchemeState s = room.schemes.get(id);
            if (s == null) {
                throw new SnapshotRefused("snapshot indexes a scheme it does not hold: " + id);
            }
            room.matching.index(s);
        }
    }

    private static Set<Explained> explained(List<String> names) {
        Set<Explained> set = EnumSet.noneOf(Explained.class);
        for (String name : names) {
            set.add(Explained.valueOf(name));
        }
        return set;
    }
}
