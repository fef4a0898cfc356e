/**
 * What the server measures, for {@code /actuator/prometheus} (docs/adr/071): the writer's commands, batch sizes, commit
 * latency and queue depth, and the live stream's subscribers. Reads the log and live modules; changes nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics", allowedDependencies = {"log", "live"})
package vigil.server.metrics;
