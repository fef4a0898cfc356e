package vigil.core.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32;
import vigil.core.Location;
import vigil.core.Roster;

/**
 * Writes an engine's whole state in the snapshot format ({@link SnapshotFormat}): the clock and sequence, the room
 * (roster, units, calls, incidents and their diverts, schemes and their contacts, the order schemes were indexed,
 * guidance and who confirmed it, caller history, what retention will forget, every pending deadline) and the counters
 * that number deadlines and tokens. The unit finder is not written: it is an index of the units' places and availability, rebuilt from them.
 * Canonical: maps without an order of their own are written sorted, so equal states give equal bytes.
 */
final class SnapshotWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);

    private SnapshotWriter() {}

    static byte[] write(Room room, Instant clock, long seq) {
        SnapshotWriter w = new SnapshotWriter();
        try {
            w.header(room, clock, seq);
            w.roster(room);
            w.calls(room);
            w.incidents(room);
            SnapshotSchemes.write(w, room);
            SnapshotGuidance.write(w, room);
            w.history(room.history);
            w.retention(room);
            w.deadlines(room);
            w.out.flush();
            CRC32 crc = new CRC32();
            crc.update(w.bytes.toByteArray());
            w.out.writeLong(crc.getValue());
            return w.bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    private void header(Room room, Instant clock, long seq) throws IOException {
        out.writeInt(SnapshotFormat.MAGIC);
        out.writeInt(SnapshotFormat.VERSION);
        string(SnapshotFormat.policyKey(room.policy));
        out.writeLong(seq);
        instant(clock);
        out.writeLong(room.armed());
        out.writeLong(room.tokens());
        out.writeLong(room.openIncidents);
    }

    private void roster(Room room) throws IOException {
        out.writeInt(room.staff.size());
        for (Roster.StaffMember m : room.staff.values()) {
            string(m.id());
            enumeration(m.role());
            string(m.bcu());
        }
        strings(room.removedStaff.stream().sorted().toList());
        out.writeInt(room.units.size());
        for (UnitState u : room.units.values()) {
            string(u.id);
            string(u.callSign);
            string(u.bcu);
            location(u.location);
            enumeration(u.status);
            string(u.committedTo);
            out.writeLong(u.assignment);
            out.writeBoolean(u.acknowledged);
            out.writeBoolean(u.atScene);
            out.writeBoolean(u.unacknowledgedAlerted);
            out.writeBoolean(u.retired);
        }
    }

    private void calls(Room room) throws IOException {
        out.writeInt(room.calls.size());
        for (CallState c : new TreeMap<>(room.calls).values()) {
            string(c.id);
            instant(c.at);
            string(c.cli);
            string(c.addressKey);
            location(c.location);
            string(c.incidentId);
            strings(c.schemeIds);
        }
    }

    private void incidents(Room room) throws IOException {
        out.writeInt(room.incidents.size());
        for (IncidentState i : new TreeMap<>(room.incidents).values()) {
            string(i.id);
            string(i.callId);
            instant(i.createdAt);
            string(i.type);
            nullableBoolean(i.domestic);
            string(i.bcu);
            location(i.location);
            enumeration(i.grade);
            instant(i.targetAt);
            instant(i.attendedAt);
            out.writeBoolean(i.closed);
            out.writeBoolean(i.divertTagged);
            out.writeBoolean(i.divertAudited);
            strings(i.committed);
            strings(i.linkedCalls);
            out.writeLong(i.countdownToken);
            out.writeBoolean(i.warningAlerted);
            out.writeBoolean(i.breachAlerted);
            instant(i.unresourcedSince);
            out.writeLong(i.unresourcedToken);
            out.writeBoolean(i.unresourcedAlerted);
            out.writeBoolean(i.reallocationRequested);
            out.writeBoolean(i.reallocationTasked);
            strings(i.schemeIds);
            diverts(i.diverts);
        }
    }

    private void diverts(List<DivertState> diverts) throws IOException {
        out.writeInt(diverts == null ? -1 : diverts.size());
        for (DivertState d : diverts == null ? List.<DivertState>of() : diverts) {
            out.writeLong(d.token);
            string(d.unitId);
            string(d.toIncidentId);
            instant(d.at);
            enumeration(d.stage);
            out.writeBoolean(d.reviewOverdueAlerted);
        }
    }

    /** Every remembered call in order, and whether each is still in its CLI, address and both queues. */
    private void history(CallerHistory h) throws IOException {
        out.writeLong(h.recorded);
        instant(h.nextPrune);
        out.writeInt(h.inOrder.size());
        for (CallerHistory.Ref r : h.inOrder) {
            out.writeLong(r.order);
            string(r.callId);
            instant(r.at);
            string(r.cli);
            string(r.addressKey);
            out.writeBoolean(r.domestic);
            out.writeBoolean(queued(h.byCli.get(r.cli), r));
            out.writeBoolean(queued(h.byAddress.get(r.addressKey), r));
            out.writeBoolean(queued(h.byBoth.get(CallerHistory.both(r)), r));
        }
    }

    /** A key's queue holds the newest of its calls, so a call is in it when the queue's oldest is not newer. */
    private static boolean queued(CallerHistory.Calls calls, CallerHistory.Ref r) {
        return calls != null && !calls.refs.isEmpty() && calls.refs.peekFirst().order <= r.order;
    }

    /** What retention will forget, in order; each names an incident or call, live (still in the room) or not. */
    private void retention(Room room) throws IOException {
        out.writeInt(room.retention.forgets.size());
        for (Retention.Forget f : room.retention.forgets) {
            instant(f.queuedAt());
            switch (f) {
                case Retention.ForgetIncident i -> {
                    out.writeByte('I');
                    string(i.incident().id);
                    out.writeBoolean(room.incidents.get(i.incident().id) == i.incident());
                }
                case Retention.ForgetCall c -> {
                    out.writeByte('C');
                    string(c.call().id);
                    out.writeBoolean(room.calls.get(c.call().id) == c.call());
                }
            }
        }
    }

    private void deadlines(Room room) throws IOException {
        List<Deadline> pending = new ArrayList<>(room.deadlines);
        pending.sort(null);
        out.writeInt(pending.size());
        for (Deadline d : pending) {
            instant(d.at());
            out.writeLong(d.armed());
            enumeration(d.kind());
            string(d.subject());
            out.writeLong(d.token());
        }
    }

    // --- values ----------------------------------------------------------------------------------------------------

    void string(String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    void strings(Collection<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(s);
        }
    }

    void instant(Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    void location(Location l) throws IOException {
        out.writeBoolean(l != null);
        if (l != null) {
            out.writeDouble(l.lat());
            out.writeDouble(l.lon());
        }
    }

    /** By name, not ordinal: a constant added to an enum does not shift the others. */
    void enumeration(Enum<?> e) throws IOException {
        string(e == null ? null : e.name());
    }

    void nullableBoolean(Boolean b) throws IOException {
        out.writeByte(b == null ? -1 : b ? 1 : 0);
    }

    void integer(int i) throws IOException {
        out.writeInt(i);
    }

    void longInteger(long l) throws IOException {
        out.writeLong(l);
    }

    void bool(boolean b) throws IOException {
        out.writeBoolean(b);
    }
}
