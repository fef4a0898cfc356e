package vigil.server.staff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import vigil.server.config.VigilProperties;

/**
 * The pages' sessions are kept in the database (Spring Session JDBC, docs/adr/121), so a restart of the server does not
 * end every login of a control room mid-shift. What a session holds is Java-serialised, as Spring Session does by
 * default; what a later build of Vigil cannot read back (a class changed between the two) is dropped, so its holder
 * logs in again instead of every request with that cookie failing.
 */
@Configuration(proxyBeanMethods = false)
class PageSessions {
    private static final Logger log = LoggerFactory.getLogger(PageSessions.class);

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> unreadableSessionValuesDropped() {
        return repository -> repository.setConversionService(conversions(PageSessions.class.getClassLoader()));
    }

    /** A page's login lasts as long idle as the install says ({@code VIGIL_PAGE_IDLE}); a shift, say, on a console. */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> idleAsTheInstallSays(VigilProperties settings) {
        return repository -> repository.setDefaultMaxInactiveInterval(settings.pageIdle());
    }

    static GenericConversionService conversions(ClassLoader loader) {
        GenericConversionService conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        DeserializingConverter read = new DeserializingConverter(loader);
        conversions.addConverter(byte[].class, Object.class, bytes -> {
            try {
                return read.convert(bytes);
            } catch (RuntimeException e) {
                log.info("a page's session held a value this build cannot read; its login is ended: {}",
                        e.getMessage());
                return null;
            }
        });
        return conversions;
    }
}
