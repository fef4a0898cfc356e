package vigil.server.reports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A query's rows as PostgreSQL's binary COPY sends them ({@code COPY (query) TO STDOUT (FORMAT binary)}): one stream
 * that the database writes while this reads, where a cursor fetches a batch, then the database waits while the batch is
 * read. A report over a year reads millions of rows (docs/adr/060). Runs in the connection's transaction (a report's
 * snapshot). Fields are read in column order. COPY takes no parameters, so the query's {@code ?}s are written into it
 * as literals: numbers and arrays of numbers, never text. Fields are read straight from the driver's messages (a row
 * each), not through a stream, which takes a lock for each field.
 */
final class CopyRows {
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    /** Reads one row's fields, in column order. */
    interface RowReader {
        void read(CopyRows row) throws IOException, SQLException;
    }


    private final CopyOut copy;
    /** The message being read, at where it is read (big-endian, as COPY's binary format is). */
    private ByteBuffer buf = ByteBuffer.allocate(0);
    private int fieldsLeft;

    private CopyRows(CopyOut copy) {
        this.copy = copy;
    }

    /** Every row of {@code sql} (its {@code ?}s given by {@code params}: Long or int[]), in its order. */
    static void query(Connection c, String sql, List<Object> params, RowReader reader) throws SQLException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + inline(sql, params) + ") to stdout (format binary)");
        try {
            CopyRows rows = new CopyRows(copy);
            rows.header();
            while (rows.next()) {
                reader.read(rows);
                if (rows.fieldsLeft != 0) {
                    throw new IllegalStateException("a row of " + sql + " was not read to its end");
                }
            }
            while (copy.readFromCopy() != null) {
                continue; // to the end of the copy, which ends it
            }
        } catch (IOException e) {
            throw new SQLException("cannot read the rows of " + sql + ": " + e.getMessage(), e);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** {@code sql} with each {@code ?} replaced by the next parameter as a literal. */
    static String inline(String sql, List<Object> params) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + 16 * params.size());
        int k = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch != '?') {
                out.append(ch);
                continue;
            }
            if (k == params.size()) {
                throw new IllegalArgumentException("more ? than parameters in " + sql);
            }
            switch (params.get(k++)) {
                case Long n -> out.append(n.longValue());
                case int[] ns -> {
                    out.append("array[");
                    for (int j = 0; j < ns.length; j++) {
                        out.append(j == 0 ? "" : ", ").append(ns[j]);
                    }
                    out.append("]::integer[]");
                }
                case Object other -> throw new IllegalArgumentException("not a parameter COPY can take: " + other);
            }
        }
        if (k != params.size()) {
            throw new IllegalArgumentException("fewer ? than parameters in " + sql);
        }
        return out.toString();
    }

    /** Makes sure {@code n} more bytes are at hand, taking the next messages when this one has fewer. */
    private void need(int n) throws IOException, SQLException {
        if (buf.remaining() >= n) {
            return;
        }
        if (!buf.hasRemaining()) { // the usual case: a row is a message
            byte[] more = copy.readFromCopy();
            if (more == null) {
                throw new IOException("the rows end in the middle of a row");
            }
            buf = ByteBuffer.wrap(more);
            if (buf.remaining() >= n) {
                return;
            }
        }
        byte[] rest = Arrays.copyOfRange(buf.array(), buf.position(), buf.limit());
        while (rest.length < n) {
            byte[] more = copy.readFromCopy();
            if (more == null) {
                throw new IOException("the rows end in the middle of a row");
            }
            byte[] joined = Arrays.copyOf(rest, rest.length + more.length);
            System.arraycopy(more, 0, joined, rest.length, more.length);
            rest = joined;
        }
        buf = ByteBuffer.wrap(rest);
    }

    private int readInt() throws IOException, SQLException {
        need(4);
        return buf.getInt();
    }

    private void header() throws IOException, SQLException {
        need(SIGNATURE.length);
        byte[] signature = new byte[SIGNATURE.length];
        buf.get(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        readInt(); // flags: no OIDs since PostgreSQL 12
        int extension = readInt(); // the header extension, none yet
        need(extension);
        buf.position(buf.position() + extension);
    }

    private boolean next() throws IOException, SQLException {
        need(2);
        short fields = buf.getShort();
        fieldsLeft = fields == -1 ? 0 : fields;
        return fields != -1;
    }

    private void number(int bytes) throws IOException, SQLException {
        fieldsLeft--;
        int n = readInt();
        if (n != bytes) {
            throw new IOException(n == -1 ? "a null where a number must be"
                    : "a field of " + n + " bytes, not " + bytes);
        }
        need(bytes);
    }

    int int4() throws IOException, SQLException {
        number(4);
        return buf.getInt();
    }

    long int8() throws IOException, SQLException {
        number(8);
        return buf.getLong();
    }

    /** A bytea field, copied out. */
    byte[] bytes() throws IOException, SQLException {
        fieldsLeft--;
        int n = readInt();
        if (n == -1) {
            throw new IOException("a null where bytes must be");
        }
        need(n);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** A text field; null when null. */
    String text() throws IOException, SQLException {
        fieldsLeft--;
        int n = readInt();
        if (n == -1) {
            return null;
        }
        need(n);
        String v = new String(buf.array(), buf.position(), n, StandardCharsets.UTF_8);
        buf.position(buf.position() + n);
        return v;
    }
}
