/**
 * What the server measures, for {@code /actuator/prometheus} (docs/adr/071): the writer's commands, batch sizes, commit
 * latency and queue depth, the live stream's subscribers, and how far the notifier, the reports and the mail are
 * behind the log. Reads the log, live, notice and reports modules; changes nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics",
        allowedDependencies = {"log", "live", "notice", "reports"})
package vigil.server.metrics;
