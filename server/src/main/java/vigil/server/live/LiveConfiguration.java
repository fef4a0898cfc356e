package vigil.server.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.server.config.VigilProperties;
import vigil.server.log.EventLog;

@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    /**
     * The live stream's settings ({@code VIGIL_LIVE_HEARTBEAT}, {@code _BUFFER}, {@code _MAX_SUBSCRIBERS},
     * {@code _MAX_CATCH_UP}, {@code _MAX_PER_READER}); the defaults serve a control room (docs/adr/070).
     */
    @Bean
    LiveEvents liveEvents(EventLog eventLog, VigilProperties properties) {
        VigilProperties.Live l = properties.live();
        return new LiveEvents(eventLog, new LiveEvents.Settings(l.heartbeat(), l.buffer(), l.maxSubscribers(),
                l.maxCatchUp(), l.maxPerReader()));
    }
}
