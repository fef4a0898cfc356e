package vigil.server.reports;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import vigil.sim.report.Rows;

/**
 * Incidents and calls as the read tables keep them (V107): in blocks of {@value #BLOCK} consecutive rows, one table
 * row per block, its rows packed in one {@code bytea}. A year is millions of incidents and calls; PostgreSQL hands
 * out a row's fields one by one, and that, not the report, was most of a year's report (docs/adr/060). A block is
 * written whole whenever one of its rows changes, which the follower's projection hands out
 * ({@link vigil.sim.report.Daris#drainChanges(int)}).
 *
 * <p>An incident is five big-endian int8s (created, target, end, flags, tagged) and three texts (id, BCU, grades); a
 * call an int8 (recorded), an int4 (incident row) and a text (waiting id). A text is an int4 length (-1: null) and its
 * UTF-8 bytes. Row numbers are not stored: row k of block b is row {@code b * BLOCK + k}.
 */
final class RowBlocks {
    /** Rows per block. */
    static final int BLOCK = 256;

    private RowBlocks() {}

    /** A block as saved: its number, the instants of its first and last rows, its rows packed. */
    record Block(int no, long firstAt, long lastAt, byte[] rows) {}

    /** Incident rows (whole blocks, in order) as blocks. */
    static List<Block> incidents(List<Rows.Incident> rows) {
        return blocks(rows, Rows.Incident::row, Rows.Incident::createdAt, (r, out) -> {
            out.writeLong(r.createdAt());
            out.writeLong(r.targetAt());
            out.writeLong(r.endAt());
            out.writeLong(r.flags());
            out.writeLong(r.taggedAt());
            text(out, r.incidentId());
            text(out, r.bcu());
            text(out, r.grades());
        });
    }

    /** Call rows (whole blocks, in order) as blocks. */
    static List<Block> calls(List<Rows.Call> rows) {
        return blocks(rows, Rows.Call::row, Rows.Call::recordedAt, (r, out) -> {
            out.writeLong(r.recordedAt());
            out.writeInt(r.incidentRow());
            text(out, r.waitingCallId());
        });
    }

    /** Every incident of block {@code no}, in order; {@code names} keeps one String per BCU across blocks. */
    static void incidents(int no, byte[] rows, Names names, Consumer<Rows.Incident> sink) {
        Reader in = new Reader(rows, names);
        for (int row = no * BLOCK; in.more(); row++) {
            long created = in.int8();
            long target = in.int8();
            long end = in.int8();
            long flags = in.int8();
            long tagged = in.int8();
            String id = in.text();
            String bcu = in.name();
            sink.accept(new Rows.Incident(row, id, bcu, created, target, end, flags, tagged, in.text()));
        }
    }

    /** Every call of block {@code no}, in order. */
    static void calls(int no, byte[] rows, Consumer<Rows.Call> sink) {
        Reader in = new Reader(rows, null);
        for (int row = no * BLOCK; in.more(); row++) {
            long recorded = in.int8();
            int incident = in.int4();
            sink.accept(new Rows.Call(row, recorded, incident, in.text()));
        }
    }

    private interface Writer<T> {
        void write(T row, DataOutputStream out) throws IOException;
    }

    private static <T> List<Block> blocks(List<T> rows, java.util.function.ToIntFunction<T> rowOf,
                                          java.util.function.ToLongFunction<T> at, Writer<T> writer) {
        List<Block> out = new java.util.ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BLOCK * 64);
        DataOutputStream data = new DataOutputStream(bytes);
        int k = 0;
        try {
            while (k < rows.size()) {
                int first = rowOf.applyAsInt(rows.get(k));
                if (first % BLOCK != 0) {
                    throw new IllegalArgumentException("row " + first + " does not begin a block");
                }
                bytes.reset();
                int end = k;
                while (end < rows.size() && rowOf.applyAsInt(rows.get(end)) / BLOCK == first / BLOCK) {
                    if (rowOf.applyAsInt(rows.get(end)) != first + end - k) {
                        throw new IllegalArgumentException("row " + rowOf.applyAsInt(rows.get(end))
                                + " out of its block's order");
                    }
                    writer.write(rows.get(end), data);
                    end++;
                }
                data.flush();
                out.add(new Block(first / BLOCK, at.applyAsLong(rows.get(k)), at.applyAsLong(rows.get(end - 1)),
                        bytes.toByteArray()));
                k = end;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Names met while reading (a BCU's), by a hash of their bytes: the same String for the same bytes, so a million
     * rows of a few names neither decode nor hash them again. A slot holds the last name that fell in it.
     */
    static final class Names {
        private static final int SLOTS = 256;
        private final byte[][] bytes = new byte[SLOTS][];
        private final String[] names = new String[SLOTS];

        String of(byte[] b, int from, int n) {
            int h = n;
            for (int k = from; k < from + n; k++) {
                h = 31 * h + b[k];
            }
            int slot = (h ^ h >>> 8) & (SLOTS - 1);
            byte[] known = bytes[slot];
            if (known == null || !Arrays.equals(known, 0, known.length, b, from, from + n)) {
                bytes[slot] = Arrays.copyOfRange(b, from, from + n);
                names[slot] = new String(b, from, n, StandardCharsets.UTF_8);
            }
            return names[slot];
        }
    }

    /** A block's bytes read in order (a ByteBuffer is big-endian, as DataOutputStream writes). */
    private static final class Reader {
        private final ByteBuffer b;
        private final Names names;

        Reader(byte[] b, Names names) {
            this.b = ByteBuffer.wrap(b);
            this.names = names;
        }

        boolean more() {
            return b.hasRemaining();
        }

        long int8() {
            return b.getLong();
        }

        int int4() {
            return b.getInt();
        }

        String text() {
            int n = int4();
            if (n < 0) {
                return null;
            }
            String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
            b.position(b.position() + n);
            return s;
        }

        String name() {
            int n = int4();
            if (n < 0) {
                return null;
            }
            String s = names.of(b.array(), b.position(), n);
            b.position(b.position() + n);
            return s;
        }
    }
}
