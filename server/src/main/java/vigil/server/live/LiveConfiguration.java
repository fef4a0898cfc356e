package vigil.server.live;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.server.log.EventLog;

@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    /**
     * The live stream's settings ({@code VIGIL_LIVE_HEARTBEAT}, {@code _BUFFER}, {@code _MAX_SUBSCRIBERS},
     * {@code _MAX_CATCH_UP}, {@code _MAX_PER_READER}); the defaults serve a control room (docs/adr/070).
     */
    @Bean
    LiveEvents liveEvents(EventLog eventLog,
                          @Value("${vigil.live.heartbeat:PT10S}") Duration heartbeat,
                          @Value("${vigil.live.buffer:10000}") int buffer,
                          @Value("${vigil.live.max-subscribers:5000}") int maxSubscribers,
                          @Value("${vigil.live.max-catch-up:100000}") int maxCatchUp,
                          @Value("${vigil.live.max-per-reader:32}") int maxPerReader) {
        return new LiveEvents(eventLog,
                new LiveEvents.Settings(heartbeat, buffer, maxSubscribers, maxCatchUp, maxPerReader));
    }
}
