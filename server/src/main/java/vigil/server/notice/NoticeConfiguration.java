package vigil.server.notice;

import java.time.Duration;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.core.Policy;
import vigil.server.config.VigilProperties;
import vigil.server.db.Database;
import vigil.server.live.LiveEvents;
import vigil.server.staff.StaffAccounts;

@Configuration(proxyBeanMethods = false)
class NoticeConfiguration {
    private static final Logger log = LoggerFactory.getLogger(NoticeConfiguration.class);

    /** The notice texts; {@code vigil.notices.templates} names a class path folder read before the built-in one. */
    @Bean
    Templates noticeTemplates(@Value("${vigil.notices.templates:/notices/}") String folder) {
        return new Templates(folder);
    }

    /**
     * The outbox's sender (started only with {@code VIGIL_SMTP_HOST}); {@code vigil.notices.retry-first},
     * {@code retry-max} and {@code max-refusals} say how failures are retried.
     */
    @Bean(destroyMethod = "close")
    Mailer mailer(Database database, VigilProperties properties, InstantSource clock,
                  @Value("${vigil.notices.retry-first:PT5S}") Duration retryFirst,
                  @Value("${vigil.notices.retry-max:PT15M}") Duration retryMax,
                  @Value("${vigil.notices.max-refusals:5}") int maxRefusals) {
        Mailer m = new Mailer(database, properties.smtp(), clock, new Mailer.Settings(retryFirst, retryMax, maxRefusals));
        log.info("notices: {}", m.describe());
        if (properties.auditEmail() != null && !properties.auditEmail().isBlank() && !m.enabled()) {
            log.warn("VIGIL_AUDIT_EMAIL is set, but without VIGIL_SMTP_HOST no checkpoint is mailed");
        }
        return m.start();
    }

    /** The notifier; {@code vigil.notices.follow=false} leaves it stopped (notices are made when it next runs). */
    @Bean(destroyMethod = "close")
    Notifier notifier(Database database, Policy policy, Templates templates, InstantSource clock, LiveEvents live,
                      Mailer mailer, StaffAccounts staff, @Value("${vigil.notices.follow:true}") boolean follow) {
        Notifier n = new Notifier(database, policy, templates, clock, live, mailer, staff);
        return follow ? n.start() : n;
    }

    @Bean
    Notices notices(Database database, InstantSource clock, Mailer mailer, VigilProperties properties) {
        return new Notices(database.pooled(), clock, mailer, properties.auditEmail());
    }

    @Bean
    CheckpointMail checkpointMail(Database database, Mailer mailer, VigilProperties properties, InstantSource clock) {
        return new CheckpointMail(database.pooled(), mailer, properties.auditEmail(), clock);
    }
}
