package vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.server.testing.SettableClock;
import vigil.server.testing.SharedPostgres;
import vigil.server.testing.TestServer;

/**
 * The QART work queue is the DIVERT tag list with review and audit status. An inspector's urgent review puts a divert
 * at the top; a QA reviewer records the outcome (RecordDivertAudit through the API) and it leaves the work still to
 * do; nobody else may record one. The same room's incident timeline lists every event naming the incident, with its
 * actor and time, as JSON, CSV and a NENA EIDO.
 */
class QaWorksTheDivertListFromTheQueue {

    @Test
    void urgentFirstThenUnauditedThenDone(@TempDir Path data) throws Exception {
        try (TestServer server = roomWithADivertAndAQaReviewer(data)) {
            server.command(Staff.ADMIN, "{\"do\":\"AddStaff\",\"staffId\":\"insp1\",\"role\":\"INSPECTOR\"}");

            JsonNode q = queue(server);
            assertThat(ids(q)).containsExactly("CAD-1", "CAD-2");
            assertThat(q.get("queue").get(0).get("auditStatus").asString()).isEqualTo("AWAITING_AUDIT");
            JsonNode first = q.get("queue").get(0);
            assertThat(first.get("reviewOverdue").asBoolean()).isTrue();
            assertThat(first.get("reviewStatus").asString()).isEqualTo(first.get("review").asString()); // came late
            assertThat(q.get("history").get("verified").asBoolean()).isTrue();

            assertThat(server.command(Staff.INSPECTOR, "{\"do\":\"RequestUrgentReview\",\"incidentId\":\"CAD-2\","
                    + "\"note\":\"complaint received\"}").status()).isEqualTo(200);
            ScenarioThroughTheApi.awaitCaughtUp(server);
            q = queue(server);
            assertThat(ids(q)).containsExactly("CAD-2", "CAD-1");
            assertThat(q.get("queue").get(0).get("urgentReview").asBoolean()).isTrue();

            TestServer.Response refused = server.command(Staff.READER, "{\"do\":\"RecordDivertAudit\","
                    + "\"incidentId\":\"CAD-2\",\"outcome\":\"APPROPRIATE\"}");
            assertThat(refused.status()).as(refused.body()).isGreaterThanOrEqualTo(400).isLessThan(500);
            assertThat(server.command(Staff.QA, "{\"do\":\"RecordDivertAudit\",\"incidentId\":\"CAD-2\","
                    + "\"outcome\":\"INAPPROPRIATE\",\"note\":\"the S call lost its only unit\"}").status())
                    .isEqualTo(200);
            ScenarioThroughTheApi.awaitCaughtUp(server);
            q = queue(server);
            assertThat(ids(q)).containsExactly("CAD-1", "CAD-2");
            JsonNode done = q.get("queue").get(1);
            assertThat(done.get("auditStatus").asString()).isEqualTo("AUDITED");
            assertThat(done.get("audit").asString()).isEqualTo("INAPPROPRIATE");
            assertThat(server.get(Staff.READER, "/api/reports/qart?format=csv").body())
                    .contains("# qart\r\n", "CAD-2,U2,CAD-3,", ",AUDITED,INAPPROPRIATE,true\r\n");

            timeline(server);
        }
    }

    private static void timeline(TestServer server) {
        List<Long> expected = new ArrayList<>();
        for (JsonNode e : server.events()) {
            for (String f : new String[] {"incidentId", "fromIncidentId", "toIncidentId"}) {
                if (e.has(f) && e.get(f).asString().equals("CAD-2")) {
                    expected.add(e.get("seq").asLong());
                    break;
                }
            }
        }
        TestServer.Response r = server.get(Staff.READER, "/api/reports/incidents/CAD-2/timeline");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = r.json();
        List<Long> seqs = new ArrayList<>();
        t.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).isEqualTo(expected).hasSizeGreaterThan(4);
        JsonNode audit = null;
        for (JsonNode e : t.get("events")) {
            if (e.get("type").asString().equals("DivertAudited")) {
                audit = e;
            }
        }
        assertThat(audit).isNotNull();
        assertThat(audit.get("actor").asString()).isEqualTo("qa1");
        assertThat(audit.get("event").get("outcome").asString()).isEqualTo("INAPPROPRIATE");

        String csv = server.get(Staff.READER, "/api/reports/incidents/CAD-2/timeline?format=csv").body();
        assertThat(csv.split("\r\n")).hasSize(3 + 2 + expected.size()); // history (name, header, row), timeline (name, header)
        assertThat(csv).contains("# timeline\r\nseq,at,type,actor,event\r\n");

        JsonNode eido = server.get(Staff.READER, "/api/reports/incidents/CAD-2/eido").json();
        assertThat(eido.get("incidentComponent").get(0).get("incidentTrackingIdentifier").asString())
                .isEqualTo("CAD-2");
        assertThat(eido.get("notesComponent").size()).isEqualTo(expected.size());
        assertThat(eido.get("emergencyResourceComponent").toString()).contains("\"resourceIdentifier\":\"U2\"");
        assertThat(eido.get("agentComponent").toString()).contains("\"agentIdentifier\":\"qa1\"");

        TestServer.Response none = server.get(Staff.READER, "/api/reports/incidents/CAD-99/timeline");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(server.get(null, "/api/reports").status()).isEqualTo(401);
        TestServer.Response bad = server.get(Staff.READER, "/api/reports?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("from");
    }

    private static JsonNode queue(TestServer server) {
        TestServer.Response r = server.get(Staff.READER, "/api/reports/qart");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode q) {
        List<String> out = new ArrayList<>();
        q.get("queue").forEach(n -> out.add(n.get("incidentId").asString()));
        return out;
    }

    /** A room whose divert went unreviewed (scenario divert-review-overdue), and a QA reviewer, qa1, on its roster. */
    static TestServer roomWithADivertAndAQaReviewer(Path data) throws Exception {
        ScenarioThroughTheApi s = new ScenarioThroughTheApi(
                Path.of("../sim/src/test/resources/scenarios/divert-review-overdue.json"));
        SettableClock clock = new SettableClock(s.scenario.start());
        TestServer server = TestServer.start(s.settings(SharedPostgres.newDatabase(), data), data.resolve("room"),
                clock);
        try {
            server.awaitUp();
            s.sendTo(server, clock);
            server.command(Staff.ADMIN, "{\"do\":\"AddStaff\",\"staffId\":\"qa1\",\"role\":\"QA_REVIEWER\"}");
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }
}
