package vigil.server.testing;

/** Command bodies as a client sends them, and the actors who send them. */
public final class Commands {
    public static final String CALL_HANDLER = "CALL_HANDLER ch1 SE";
    public static final String DESPATCHER = "DESPATCHER dsp1 SE";
    public static final String ADMIN = "ADMIN admin";

    private Commands() {}

    public static String addStaff(String id, String role, String bcu) {
        return "{\"do\":\"AddStaff\",\"staffId\":\"" + id + "\",\"role\":\"" + role + "\",\"bcu\":\"" + bcu + "\"}";
    }

    public static String addUnit(String id, String callSign) {
        return "{\"do\":\"AddUnit\",\"unitId\":\"" + id + "\",\"callSign\":\"" + callSign
                + "\",\"bcu\":\"SE\",\"location\":{\"lat\":51.50,\"lon\":-0.09}}";
    }

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
