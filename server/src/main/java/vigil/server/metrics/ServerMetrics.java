package vigil.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.server.live.LiveEvents;
import vigil.server.log.CommitListener;
import vigil.server.log.Writer;

/**
 * The server's meters. Per batch (a commit listener on the writer thread: a few atomic adds, no I/O):
 * {@code vigil.commands} (counter: commands decided; its rate is commands/s), {@code vigil.batch.commands}
 * (distribution of commands per batch) and {@code vigil.commit} (timer: the batch's one append statement, commit and
 * WAL flush included). Sampled when scraped: {@code vigil.writer.queue} (commands and reads waiting for the writer),
 * {@code vigil.live.subscribers} (open streams), {@code vigil.live.dropped} (subscribers dropped for a full buffer),
 * {@code vigil.writer.rebuilds} and {@code vigil.commands.unstorable} (ADR 116).
 */
@Configuration(proxyBeanMethods = false)
class ServerMetrics {

    @Bean
    CommitListener writerMeters(MeterRegistry registry) {
        Counter commands = Counter.builder("vigil.commands").description("commands decided and committed")
                .baseUnit("commands").register(registry);
        DistributionSummary batch = DistributionSummary.builder("vigil.batch.commands")
                .description("commands per committed batch (group commit)").baseUnit("commands")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(1_000.0)
                .register(registry);
        Timer commit = Timer.builder("vigil.commit").description("one batch's append: one statement, one commit, one"
                        + " WAL flush").publishPercentileHistogram().register(registry);
        return c -> {
            if (c.commands() > 0) {
                commands.increment(c.commands());
                batch.record(c.commands());
            }
            if (c.appendNanos() > 0) {
                commit.record(c.appendNanos(), TimeUnit.NANOSECONDS);
            }
        };
    }

    @Bean
    MeterBinder sampledMeters(Writer writer, LiveEvents live) {
        return registry -> {
            Gauge.builder("vigil.writer.queue", writer, Writer::queueDepth)
                    .description("commands and reads waiting for the writer (at most 10,000)").register(registry);
            Gauge.builder("vigil.live.subscribers", live, LiveEvents::subscribers)
                    .description("open live streams (GET /api/events/stream)").register(registry);
            FunctionCounter.builder("vigil.live.dropped", live, LiveEvents::dropped)
                    .description("live subscribers dropped because their buffer filled").register(registry);
            FunctionCounter.builder("vigil.writer.rebuilds", writer, w -> w.stats().rebuilds())
                    .description("engine rebuilds from the log (start, failed batches, commands it could not store)")
                    .register(registry);
            FunctionCounter.builder("vigil.commands.unstorable", writer, w -> w.stats().unstorable())
                    .description("commands refused because the log could not store what they held (ADR 116)")
                    .register(registry);
        };
    }
}
