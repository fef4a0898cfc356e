package vigil.server.reports;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.postgresql.core.Utils;

/**
 * A query's rows as PostgreSQL's binary COPY sends them ({@code COPY (query) TO STDOUT (FORMAT binary)}): one stream
 * that the database writes while this reads, where a cursor fetches a batch, then the database waits while the batch is
 * read. A report over a year reads millions of rows (docs/adr/060). Runs in the connection's transaction (a report's
 * snapshot). Fields are read in column order. COPY takes no parameters, so the query's {@code ?}s are written into it
 * as literals: numbers, and arrays of text quoted by the driver's own escaping.
 */
final class CopyRows {
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    /** Reads one row's fields, in column order. */
    interface RowReader {
        void read(CopyRows row) throws IOException;
    }

    private final DataInputStream in;
    private int fieldsLeft;

    private CopyRows(DataInputStream in) {
        this.in = in;
    }

    /** Every row of {@code sql} (its {@code ?}s given by {@code params}: Long or String[]), in its order. */
    static void query(Connection c, String sql, List<Object> params, RowReader reader) throws SQLException {
        String copy = "copy (" + inline(sql, params) + ") to stdout (format binary)";
        try (PGCopyInputStream copied = new PGCopyInputStream(c.unwrap(PGConnection.class), copy)) {
            CopyRows rows = new CopyRows(new DataInputStream(new BufferedInputStream(copied, 1 << 16)));
            rows.header();
            while (rows.next()) {
                reader.read(rows);
                if (rows.fieldsLeft != 0) {
                    throw new IllegalStateException("a row of " + sql + " was not read to its end");
                }
            }
        } catch (IOException e) {
            throw new SQLException("cannot read the rows of " + sql + ": " + e.getMessage(), e);
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
                case String[] texts -> {
                    out.append("array[");
                    for (int j = 0; j < texts.length; j++) {
                        out.append(j == 0 ? "E'" : ", E'");
                        Utils.escapeLiteral(out, texts[j], false); // E'' strings: backslashes and quotes doubled
                        out.append('\'');
                    }
                    out.append("]::text[]");
                }
                case Object other -> throw new IllegalArgumentException("not a parameter COPY can take: " + other);
            }
        }
        if (k != params.size()) {
            throw new IllegalArgumentException("fewer ? than parameters in " + sql);
        }
        return out.toString();
    }

    private void header() throws IOException {
        byte[] signature = in.readNBytes(SIGNATURE.length);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        in.readInt(); // flags: no OIDs since PostgreSQL 12
        in.skipNBytes(in.readInt()); // the header extension, none yet
    }

    private boolean next() throws IOException {
        short fields = in.readShort();
        fieldsLeft = fields == -1 ? 0 : fields;
        return fields != -1;
    }

    private void number(int bytes) throws IOException {
        fieldsLeft--;
        int n = in.readInt();
        if (n != bytes) {
            throw new IOException(n == -1 ? "a null where a number must be"
                    : "a field of " + n + " bytes, not " + bytes);
        }
    }

    int int4() throws IOException {
        number(4);
        return in.readInt();
    }

    long int8() throws IOException {
        number(8);
        return in.readLong();
    }

    /** A text field; null when null. */
    String text() throws IOException {
        fieldsLeft--;
        int n = in.readInt();
        return n == -1 ? null : new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
