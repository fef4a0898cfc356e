package vigil.server.notice;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Message-IDs (RFC 5322) derived from what a mail is about, never random: the same notice mailed again after a crash
 * carries the same id, so a mail client or a reader of the mail server's log sees it is the same message.
 */
final class MessageIds {
    private MessageIds() {}

    /** The notice of event {@code seq} to {@code recipient} (hex: a staff id may hold {@code @}, which an id may not). */
    static String notice(long seq, String recipient, String domain) {
        return "<notice." + seq + "." + HexFormat.of().formatHex(recipient.getBytes(StandardCharsets.UTF_8)) + "@"
                + domain + ">";
    }

    /** The signed checkpoint of the log at {@code seq}, signed at {@code atEpochMillis}, to the audit address. */
    static String checkpoint(long seq, long atEpochMillis, String domain) {
        return "<checkpoint." + seq + "." + atEpochMillis + "@" + domain + ">";
    }

    /** The part of an address after its {@code @} (the Message-ID's right side), or {@code vigil} for none. */
    static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        String d = at < 0 ? "" : address.substring(at + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return d.isEmpty() ? "vigil" : d;
    }
}
