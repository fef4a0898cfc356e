package vigil.server.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.core.Event;
import vigil.core.Recorded;
import vigil.sim.json.EventJson;

/**
 * What one command recorded, durable by the time anyone sees this: its events in seq order, the seq of the last, and
 * each event's replay line (as the log stores it: the writer hands over the lines it wrote, so none is made twice). A
 * refused command's one event is its {@code CommandRejected}.
 */
public record Receipt(List<Recorded> events, long lastSeq, List<String> lines) {
    public Receipt {
        events = List.copyOf(events);
        lines = List.copyOf(lines);
        if (lines.size() != events.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + lines.size() + " lines");
        }
    }

    public Receipt(List<Recorded> events, long lastSeq) {
        this(events, lastSeq, events.stream().map(EventJson::line).toList());
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The answer's JSON: {@code {"events":[…],"lastSeq":N}}, each event in the replay line format. */
    public String json() {
        StringBuilder b = new StringBuilder("{\"events\":[");
        for (int i = 0; i < lines.size(); i++) {
            b.append(i == 0 ? "" : ",").append(lines.get(i));
        }
        return b.append("],\"lastSeq\":").append(lastSeq).append('}').toString();
    }

    /** Reads {@link #json()} back. */
    static Receipt fromJson(String json) {
        JsonNode n = JSON.readTree(json);
        List<Recorded> events = new ArrayList<>();
        for (JsonNode e : n.get("events")) {
            events.add(EventJson.parse(JSON.writeValueAsString(e)));
        }
        return new Receipt(events, n.get("lastSeq").asLong());
    }

    /** The refusal, when the engine refused the command. */
    public Optional<Recorded> rejection() {
        return events.stream().filter(r -> r.event() instanceof Event.CommandRejected).findFirst();
    }
}
