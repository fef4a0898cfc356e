package vigil.server.testing;

/** Command bodies as a client sends them, and the actors who send them. */
public final class Commands {
    public static final String CALL_HANDLER = "CALL_HANDLER ch1 SE";
    public static final String DESPATCHER = "DESPATCHER dsp1 SE";

    private Commands() {}

    public static String recordCall(String callId) {
        return "{\"do\":\"RecordCall\",\"callId\":\"" + callId + "\",\"cli\":\"07700 900123\"}";
    }

    public static String recordCall(String callId, String narrative) {
        return "{\"do\":\"RecordCall\",\"callId\":\"" + callId + "\",\"narrative\":\"" + narrative + "\"}";
    }

    public static String createIncident(String incidentId, String callId, String grade) {
        return "{\"do\":\"CreateIncident\",\"incidentId\":\"" + incidentId + "\",\"callId\":\"" + callId
                + "\",\"grade\":\"" + grade + "\"}";
    }
}
