package vigil.server.reports;

/**
 * Who the report tests are, as the test server's client names them ({@link vigil.server.testing.Login} logs them in).
 */
final class Staff {
    static final String ADMIN = actor("ADMIN", "admin", null);
    /** Any member of staff may read the reports. */
    static final String READER = actor("CALL_HANDLER", "ch1", "SE");
    static final String QA = actor("QA_REVIEWER", "qa1", null);
    static final String INSPECTOR = actor("INSPECTOR", "insp1", null);

    private Staff() {}

    static String actor(String role, String id, String bcu) {
        return role + " " + id + (bcu == null ? "" : " " + bcu);
    }
}
