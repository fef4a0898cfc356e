/**
 * The HTTP API (contracts/api.md): {@code POST /api/commands}, {@code GET /api/events}, {@code GET /api/events/stream}
 * (streamed by the live module, with the caller's notices), the caller's notices and guidance, and problem+json for
 * every error. Turns a request into a command for the writer and
 * its answer into a response; decides nothing itself. Uses the event log module (the writer and committed reads), the
 * live module (the stream) and the staff module (who the caller is).
 */
@org.springframework.modulith.ApplicationModule(displayName = "HTTP API", allowedDependencies = {"log", "staff", "reports", "live", "notice"})
package vigil.server.api;
