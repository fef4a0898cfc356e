package vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Every setting is a {@code VIGIL_*} environment variable with a laptop default (api.md "Starting"). */
class ConfigurationComesFromVigilEnvironmentVariables {

    private static VigilProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("vigil", VigilProperties.class);
    }

    @Test
    void withNothingSetALaptopRunsOnTheEmbeddedDatabase() {
        VigilProperties p = bind(Map.of());

        assertThat(p.port()).isEqualTo(8080);
        assertThat(p.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(p.policy()).isNull();
        assertThat(p.db().external()).isFalse();
    }

    @Test
    void eachVariableReachesItsSetting() {
        VigilProperties p = bind(Map.of("VIGIL_PORT", "9090", "VIGIL_DATA_DIR", "/srv/vigil",
                "VIGIL_POLICY", "/etc/vigil/policy.json", "VIGIL_DB_URL", "jdbc:postgresql://db/vigil",
                "VIGIL_DB_USER", "vigil_app", "VIGIL_DB_PASSWORD", "pw", "VIGIL_DB_OWNER", "vigil_owner",
                "VIGIL_DB_OWNER_PASSWORD", "owner-pw"));

        assertThat(p.port()).isEqualTo(9090);
        assertThat(p.dataDir()).isEqualTo(Path.of("/srv/vigil"));
        assertThat(p.policy()).isEqualTo(Path.of("/etc/vigil/policy.json"));
        assertThat(p.db()).isEqualTo(new VigilProperties.Db("jdbc:postgresql://db/vigil", "vigil_app", "pw",
                "vigil_owner", "owner-pw"));
        assertThat(p.db().toString()).doesNotContain("pw");
    }

    @Test
    void mailIsConfiguredByVigilSmtpAndAuditEmailAndIsOffUntilAHostIsGiven() {
        VigilProperties none = bind(Map.of());
        assertThat(none.smtp().configured()).isFalse();
        assertThat(none.smtp().starttls()).as("STARTTLS unless said otherwise").isTrue();
        assertThat(none.auditEmail()).isNull();

        VigilProperties p = bind(Map.of("VIGIL_SMTP_HOST", "smtp.example.org", "VIGIL_SMTP_PORT", "2525",
                "VIGIL_SMTP_USER", "vigil", "VIGIL_SMTP_PASSWORD", "smtp-pw", "VIGIL_SMTP_FROM", "cad@example.org",
                "VIGIL_SMTP_STARTTLS", "false", "VIGIL_AUDIT_EMAIL", "audit@example.org"));

        assertThat(p.smtp()).isEqualTo(new VigilProperties.Smtp("smtp.example.org", 2525, "vigil", "smtp-pw",
                "cad@example.org", false));
        assertThat(p.smtp().configured()).isTrue();
        assertThat(p.auditEmail()).isEqualTo("audit@example.org");
        assertThat(p.smtp().toString()).doesNotContain("smtp-pw");
    }
}
