package vigil.server.log;

import java.time.InstantSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.core.Policy;
import vigil.core.Span;
import vigil.server.config.VigilProperties;
import vigil.server.db.Database;
import vigil.sim.json.Fields;
import vigil.sim.json.JsonFiles;
import vigil.sim.scenario.PolicyReader;

@Configuration(proxyBeanMethods = false)
class LogConfiguration {

    /** The force's policy: {@code VIGIL_POLICY} names a JSON file holding a scenario {@code policy} object. */
    @Bean
    Policy policy(VigilProperties properties) {
        return readPolicy(properties);
    }

    /** A server forgets a closed incident's live state after this, unless the policy says otherwise (ADR 052). */
    static final Span RETAIN_CLOSED_FOR = Span.parse("P7D");

    static Policy readPolicy(VigilProperties properties) {
        Policy p = properties.policy() == null ? Policy.metropolitan()
                : PolicyReader.read(new Fields(JsonFiles.parse(JsonFiles.read(properties.policy())),
                        "VIGIL_POLICY " + properties.policy()));
        // The log holds everything for ever; live state must stay bounded, so the server always forgets closed work.
        return p.retainClosedFor() == null ? p.withRetainClosedFor(RETAIN_CLOSED_FOR) : p;
    }

    @Bean
    Writer writer(Database database, InstantSource clock, Policy policy, ObjectProvider<CommitListener> listeners,
                  VigilProperties properties) {
        Snapshots snapshots = new Snapshots(policy);
        return new Writer(database, clock, policy, listeners.orderedStream().toList(), snapshots,
                new SnapshotTaker(database, snapshots, clock, properties.snapshotEvery()));
    }
}
