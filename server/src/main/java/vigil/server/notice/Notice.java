package vigil.server.notice;

import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice in a mailbox: what it tells ({@code kind}, the template's name: an event's type), of which event
 * ({@code seq}), its subject, plain-text body and link, when it was made and read, and its email, if one is sent
 * ({@code mail}: null when none is).
 */
public record Notice(long id, long seq, String recipient, String kind, String subject, String body, String link,
                     Instant createdAt, Instant readAt, Mail mail) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Its email: {@code PENDING} (being tried), {@code SENT} or {@code ABANDONED}, and how many tries so far. */
    public record Mail(String state, int attempts, Instant sentAt) {}

    public boolean read() {
        return readAt != null;
    }

    /** As the API and the live stream give it. */
    public ObjectNode json() {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("seq", seq);
        n.put("kind", kind);
        n.put("subject", subject);
        n.put("body", body);
        n.put("link", link);
        n.put("createdAt", createdAt.toString());
        n.put("read", read());
        n.put("readAt", readAt == null ? null : readAt.toString());
        if (mail == null) {
            n.putNull("mail");
        } else {
            ObjectNode m = n.putObject("mail");
            m.put("state", mail.state());
            m.put("attempts", mail.attempts());
            m.put("sentAt", mail.sentAt() == null ? null : mail.sentAt().toString());
        }
        return n;
    }

    public String jsonText() {
        return JSON.writeValueAsString(json());
    }
}
