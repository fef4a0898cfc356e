package vigil.core.engine;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import vigil.core.Command.UnitStatus;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Policy;
import vigil.core.Role;
import vigil.core.Roster;

/**
 * Reads what {@link SnapshotWriter} wrote back into a room: the one place besides {@link Room#apply} that sets the
 * state classes' fields, because it restores a whole room rather than changing one. Anything it cannot take (another
 * version or policy, damaged or short bytes, ids that do not hold together) is a {@link SnapshotRefused}.
 */
final class SnapshotReader {
    /** A room read back, with the engine's clock and sequence. */
    record Restored(Room room, Instant clock, long seq) {}

    private final DataInputStream in;

    private SnapshotReader(byte[] bytes, int length) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes, 0, length));
    }

    static Restored read(Policy policy, byte[] bytes) {
        if (bytes.length < 16) {
            throw new SnapshotRefused("snapshot of " + bytes.length + " bytes is too short to be one");
        }
        int body = bytes.length - Long.BYTES;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        long stored = ByteBuffer.wrap(bytes, body, Long.BYTES).getLong();
        SnapshotReader r = new SnapshotReader(bytes, body);
        try {
            Restored restored = r.restore(policy, crc.getValue() == stored);
            if (r.in.available() != 0) {
                throw new SnapshotRefused("snapshot has " + r.in.available() + " bytes after its end");
            }
            return restored;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SnapshotRefused refused) {
                throw refused;
            }
            throw new SnapshotRefused("snapshot cannot be read: " + e, e);
        }
    }

    private Restored restore(Policy policy, boolean checksumHolds) throws IOException {
        int magic = in.readInt();
        if (magic != SnapshotFormat.MAGIC) {
            throw new SnapshotRefused("not a Vigil engine snapshot");
        }
        int version = in.readInt();
        if (version != SnapshotFormat.VERSION) {
            throw new SnapshotRefused("snapshot format " + version + ", this engine reads only format "
                    + SnapshotFormat.VERSION);
        }
        if (!checksumHolds) {
            throw new SnapshotRefused("snapshot is damaged (its checksum does not match)");
        }
        if (!SnapshotFormat.policyKey(policy).equals(string())) {
            throw new SnapshotRefused("snapshot was taken under another policy");
        }
        long seq = in.readLong();
        Instant clock = instant();
        Room room = new Room(policy, new Roster(List.of(), List.of()));
        room.restoreCounters(in.readLong(), in.readLong());
        room.openIncidents = in.readLong();
        roster(room);
        room.indexUnits();
        calls(room);
        incidents(room);
        SnapshotSchemes.read(this, room);
        SnapshotGuidance.read(this, room);
        history(room.history);
        retention(room);
        deadlines(room);
        return new Restored(room, clock, seq);
    }

    private void roster(Room room) throws IOException {
        int staff = count();
        for (int k = 0; k < staff; k++) {
            String id = string();
            room.staff.put(id, new Roster.StaffMember(id, enumeration(Role.class), string()));
        }
        room.removedStaff.addAll(strings());
        int units = count();
        for (int k = 0; k < units; k++) {
            UnitState u = new UnitState(string(), string(), string(), location());
            u.status = enumeration(UnitStatus.class);
            u.committedTo = string();
            u.assignment = in.readLong();
            u.acknowledged = in.readBoolean();
            u.atScene = in.readBoolean();
            u.unacknowledgedAlerted = in.readBoolean();
            u.retired = in.readBoolean();
            room.units.put(u.id, u);
        }
    }

    private void calls(Room room) throws IOException {
        int n = count();
        for (int k = 0; k < n; k++) {
            CallState c = new CallState(string(), instant(), string(), string(), location());
            c.incidentId = string();
            c.schemeIds = List.copyOf(strings());
            room.calls.put(c.id, c);
        }
    }

    private void incidents(Room room) throws IOException {
        int n = count();
        for (int k = 0; k < n; k++) {
            String id = string();
            String callId = string();
            Instant createdAt = instant();
            String type = string();
            Boolean domestic = nullableBoolean();
            String bcu = string();
            Location location = location();
            IncidentState i = new IncidentState(id, callId, createdAt, enumeration(Grade.class), null, type, domestic,
                    bcu);
            i.location = location;
            i.targetAt = instant();
            i.attendedAt = instant();
            i.closed = in.readBoolean();
            i.divertTagged = in.readBoolean();
            i.divertAudited = in.readBoolean();
            i.committed.addAll(strings());
            i.linkedCalls.addAll(strings());
            i.countdownToken = in.readLong();
            i.warningAlerted = in.readBoolean();
            i.breachAlerted = in.readBoolean();
            i.unresourcedSince = instant();
            i.unresourcedToken = in.readLong();
            i.unresourcedAlerted = in.readBoolean();
            i.reallocationRequested = in.readBoolean();
            i.reallocationTasked = in.readBoolean();
            i.schemeIds = List.copyOf(strings());
            i.diverts = diverts();
            room.incidents.put(id, i);
        }
    }

    private List<DivertState> diverts() throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        List<DivertState> diverts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            DivertState d = new DivertState(in.readLong(), string(), string(), instant());
            d.stage = enumeration(DivertState.Stage.class);
            d.reviewOverdueAlerted = in.readBoolean();
            diverts.add(d);
        }
        return diverts;
    }

    private void history(CallerHistory h) throws IOException {
        h.recorded = in.readLong();
        h.nextPrune = instant();
        int n = count();
        for (int k = 0; k < n; k++) {
            CallerHistory.Ref r = new CallerHistory.Ref(in.readLong(), string(), instant(), string(), string());
            r.domestic = in.readBoolean();
            h.inOrder.addLast(r);
            h.byCallId.put(r.callId, r);
            queue(h.byCli, r.cli, r, in.readBoolean());
            queue(h.byAddress, r.addressKey, r, in.readBoolean());
            queue(h.byBoth, CallerHistory.both(r), r, in.readBoolean());
        }
    }

    private static void queue(Map<String, CallerHistory.Calls> index, String key, CallerHistory.Ref r,
                              boolean queued) {
        if (queued) {
            CallerHistory.add(index, key, r);
            if (r.domestic) {
                index.get(key).domestic++;
            }
        }
    }

    private void retention(Room room) throws IOException {
        int n = count();
        for (int k = 0; k < n; k++) {
            Instant queuedAt = instant();
            int kind = in.readByte();
            String id = string();
            boolean live = in.readBoolean();
            // One no longer in the room stands in as an object of its own, which forgetting passes over.
            Retention.Forget forget = switch (kind) {
                case 'I' -> new Retention.ForgetIncident(queuedAt, live ? held(room.incidents.get(id), id)
                        : new IncidentState(id, null, queuedAt, Grade.R, null, null, null, null));
                case 'C' -> new Retention.ForgetCall(queuedAt, live ? held(room.calls.get(id), id)
                        : new CallState(id, queuedAt, null, null, null));
                default -> throw new SnapshotRefused("snapshot names an unknown kind of retained state: " + kind);
            };
            room.retention.forgets.addLast(forget);
        }
    }

    private static <T> T held(T found, String id) {
        if (found == null) {
            throw new SnapshotRefused("snapshot retains " + id + ", which it does not hold");
        }
        return found;
    }

    private void deadlines(Room room) throws IOException {
        int n = count();
        for (int k = 0; k < n; k++) {
            room.deadlines.add(new Deadline(instant(), in.readLong(), enumeration(Deadline.Kind.class), string(),
                    in.readLong()));
        }
    }

    // --- values ----------------------------------------------------------------------------------------------------

    int count() throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new SnapshotRefused("snapshot is damaged (a count of " + n + ")");
        }
        return n;
    }

    String string() throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > in.available()) {
            throw new SnapshotRefused("snapshot is cut short");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    List<String> strings() throws IOException {
        int n = count();
        List<String> list = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            list.add(string());
        }
        return list;
    }

    Instant instant() throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    Location location() throws IOException {
        return in.readBoolean() ? new Location(in.readDouble(), in.readDouble()) : null;
    }

    <E extends Enum<E>> E enumeration(Class<E> type) throws IOException {
        String name = string();
        return name == null ? null : Enum.valueOf(type, name);
    }

    Boolean nullableBoolean() throws IOException {
        byte b = in.readByte();
        return b < 0 ? null : b == 1;
    }

    int integer() throws IOException {
        return in.readInt();
    }

    long longInteger() throws IOException {
        return in.readLong();
    }

    boolean bool() throws IOException {
        return in.readBoolean();
    }
}
