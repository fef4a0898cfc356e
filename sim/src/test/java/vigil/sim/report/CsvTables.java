package vigil.sim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the report's CSV back as a reader outside would: RFC 4180 records (CRLF, quoted fields with doubled quotes,
 * line breaks inside quotes), grouped into tables by their {@code # name} lines, each a header and rows.
 */
final class CsvTables {
    record Table(List<String> header, List<List<String>> rows) {
        /** Row {@code i} as header name to field. */
        Map<String, String> row(int i) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int k = 0; k < header.size(); k++) {
                m.put(header.get(k), rows.get(i).get(k));
            }
            return m;
        }
    }

    private CsvTables() {}

    static Map<String, Table> parse(String text) {
        Map<String, Table> tables = new LinkedHashMap<>();
        Table current = null;
        for (Record r : records(text)) {
            List<String> record = r.fields();
            if (record.size() == 1 && record.get(0).startsWith("# ") && !r.firstQuoted()) {
                current = new Table(new ArrayList<>(), new ArrayList<>());
                if (tables.put(record.get(0).substring(2), current) != null) {
                    throw new AssertionError("table " + record.get(0) + " appears twice");
                }
            } else if (current == null) {
                throw new AssertionError("a record before the first table name: " + record);
            } else if (current.header().isEmpty()) {
                current.header().addAll(record);
            } else {
                if (record.size() != current.header().size()) {
                    throw new AssertionError("a row of " + record.size() + " fields under a header of "
                            + current.header().size() + ": " + record);
                }
                current.rows().add(record.stream().map(CsvTables::text).toList());
            }
        }
        return tables;
    }

    /**
     * A field's text: the {@code '} the writer puts before a formula's text (ReportCsv's {@code FORMULA}) dropped, as
     * a program reading the download does.
     */
    static String text(String field) {
        return field.matches("(?s)'+[=+\\-@\t\r].+") ? field.substring(1) : field;
    }

    /** One RFC 4180 record; a quoted first field is data, never a table name. */
    record Record(List<String> fields, boolean firstQuoted) {}

    static List<Record> records(String text) {
        List<Record> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        boolean firstQuoted = false;
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty()) {
                quoted = true;
                firstQuoted |= record.isEmpty();
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                out.add(new Record(record, firstQuoted));
                record = new ArrayList<>();
                field.setLength(0);
                firstQuoted = false;
                i += 2;
            } else if (c == '\n' || c == '\r') {
                throw new AssertionError("a bare line break at " + i + ": RFC 4180 ends lines with CRLF");
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted || !field.isEmpty() || !record.isEmpty()) {
            throw new AssertionError("the CSV does not end with CRLF");
        }
        return out;
    }
}
