package vigil.server.live;

/** How one subscriber may see an event's line (the API applies the same filter as to {@code GET /api/events}). */
@FunctionalInterface
public interface View {
    String line(String line);
}
