package vigil.server.clock;

import java.time.InstantSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The control room's time source: the wall clock, unless a test supplies its own. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {
    @Bean
    @ConditionalOnMissingBean(InstantSource.class)
    InstantSource wallClock() {
        return new WallClock();
    }
}
