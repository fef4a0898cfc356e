package vigil.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vigil.server.live.LiveEvents;
import vigil.server.log.CommitListener;
import vigil.server.log.Writer;
import vigil.server.notice.Notifier;
import vigil.server.reports.ReportFollower;

/**
 * The server's meters. Per batch (a commit listener on the writer thread: a few atomic adds, no I/O):
 * {@code vigil.commands} (counter: commands decided; its rate is commands/s), {@code vigil.batch.commands}
 * (distribution of commands per batch) and {@code vigil.commit} (timer: the batch's one append statement, commit and
 * WAL flush included). Sampled when scraped: {@code vigil.writer.queue} (commands and reads waiting for the writer),
 * {@code vigil.live.subscribers} (open streams), {@code vigil.live.dropped} (subscribers dropped for a full buffer),
 * {@code vigil.writer.rebuilds} and {@code vigil.commands.unstorable} (ADR 116), and how far the log's followers
 * lag: {@code vigil.notices.behind}, {@code vigil.reports.behind} (events not yet read) and {@code vigil.mail.pending}.
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
    MeterBinder sampledMeters(Writer writer, LiveEvents live, Notifier notifier, ReportFollower reports,
                              DataSource dataSource) {
        return registry -> {
            // The followers of the log: a notifier or report follower that stops is seen here, not only in the log's
            // text; so is mail piling up while the mail server is away (audit 7).
            Gauge.builder("vigil.notices.behind", writer, w -> Math.max(0, w.position().lastSeq()
                            - notifier.notifiedUpTo()))
                    .description("events of the log the notifier has not yet turned into notices").register(registry);
            Gauge.builder("vigil.reports.behind", writer, w -> Math.max(0, w.position().lastSeq()
                            - reports.projectedUpTo()))
                    .description("events of the log the reports' read tables do not yet hold").register(registry);
            Gauge.builder("vigil.mail.pending", dataSource, ServerMetrics::mailPending)
                    .description("notice mail not yet taken by the mail server (retried until it is)")
                    .register(registry);
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

    /** The mail waiting to be sent; NaN while the database cannot say. */
    private static double mailPending(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from notice_mail where state = 'PENDING'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
