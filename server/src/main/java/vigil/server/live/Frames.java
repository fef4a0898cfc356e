package vigil.server.live;

import vigil.server.log.LoggedEvent;

/** The stream's text (the SSE wire format, WHATWG HTML §9.2): events, comments and the {@code reset} event. */
final class Frames {
    private Frames() {}

    /** A comment: ignored by every SSE client, but it crosses the connection (so a dead client is noticed). */
    static final String HEARTBEAT = ": heartbeat\n\n";

    /**
     * The heartbeat a page asks for ({@code ?heartbeat=event}): the same comment, then an event without {@code id:} (so
     * a client's last event id stays put) that an {@code EventSource} dispatches, so a page can tell a quiet room from
     * a dead connection. {@code after}: the last seq this stream sent.
     */
    static String heartbeatEvent(long after) {
        return ": heartbeat\nevent: heartbeat\ndata: {\"after\":" + after + "}\n\n";
    }

    static String opening(long after) {
        return ": Vigil live events after seq " + after + "\n\n";
    }

    /** An event with its frame as a subscriber who may see all of its line is sent it: made once for every stream. */
    record Framed(LoggedEvent event, String frame) {
        static Framed of(LoggedEvent e) {
            StringBuilder out = new StringBuilder(e.line().length() + 64);
            Frames.event(out, e, e.line());
            return new Framed(e, out.toString());
        }

        /** Appends this event's frame as {@code view} shows it: the one made already, unless the view changes it. */
        void appendTo(StringBuilder out, View view) {
            String line = view.line(event.line());
            if (line.equals(event.line())) {
                out.append(frame);
            } else {
                Frames.event(out, event, line);
            }
        }
    }

    /** One event: {@code id:} its seq, {@code event:} its type, {@code data:} its line as the subscriber may see it. */
    static void event(StringBuilder out, LoggedEvent e, String line) {
        out.append("id: ").append(e.seq()).append("\nevent: ").append(e.type()).append('\n');
        data(out, line);
    }

    /** An aside (a {@code notice}): {@code event:} and {@code data:} only, no {@code id:} (docs/adr/081). */
    static void aside(StringBuilder out, Aside a) {
        out.append("event: ").append(a.event()).append('\n');
        data(out, a.data());
    }

    /**
     * {@code reset}: no {@code id:}, so a client's last event id stays that of the last event it was sent. {@code data}
     * says why, where this stream stopped ({@code after}) and where the log stands ({@code lastSeq}).
     */
    static String reset(Reset why, long after, long lastSeq) {
        StringBuilder out = new StringBuilder("event: reset\n");
        data(out, "{\"reason\":\"" + why.name() + "\",\"after\":" + after + ",\"lastSeq\":" + lastSeq
                + ",\"detail\":\"" + why.detail + "\"}");
        return out.toString();
    }

    /** A line break inside data would end the field; every line of the text gets a {@code data:} of its own. */
    private static void data(StringBuilder out, String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) { // every log line (JSON escapes its line breaks)
            out.append("data: ").append(text).append("\n\n");
            return;
        }
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(text, from, i).append('\n');
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        out.append("data: ").append(text, from, text.length()).append("\n\n");
    }

    /** Why a stream ends with {@code reset}. */
    enum Reset {
        TOO_SLOW("the client did not keep up: its buffer filled; reconnect with Last-Event-ID to go on from after"),
        TOO_FAR_BEHIND("too far behind to be caught up by the stream: read the log with GET /api/events from after,"
                + " or the current picture, then subscribe from lastSeq"),
        NOT_IN_LOG("this log has no event at that position (another or a new install?): read the current picture,"
                + " then subscribe from lastSeq");

        final String detail;

        Reset(String detail) {
            this.detail = detail;
        }
    }
}
