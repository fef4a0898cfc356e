package vigil.server.log;

import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.core.Policy;
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

    static Policy readPolicy(VigilProperties properties) {
        if (properties.policy() == null) {
            return Policy.metropolitan();
        }
        return PolicyReader.read(new Fields(JsonFiles.parse(JsonFiles.read(properties.policy())),
                "VIGIL_POLICY " + properties.policy()));
    }

    @Bean
    Writer writer(Database database, InstantSource clock, Policy policy) {
        return new Writer(database, clock, policy);
    }
}
