package vigil.core.engine;

/**
 * A canary for {@code OnlyTheRoomsApplyChangesState}: a command handler that closes an incident by writing its state
 * instead of recording {@code IncidentClosed}. A rebuilt room would never see that change. Never used.
 */
final class SneakyHandler {
    private SneakyHandler() {}

    static void closeQuietly(IncidentState incident) {
        incident.closed = true;
    }
}
