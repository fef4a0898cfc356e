/**
 * The live stream: committed events fanned out to every subscriber of {@code GET /api/events/stream} as Server-Sent
 * Events, each subscriber caught up from the event table first and then fed from memory, with a bounded buffer of its
 * own and a heartbeat (docs/adr/070). Hears of commits from the writer ({@link vigil.server.log.CommitListener}) and
 * reads the committed log ({@link vigil.server.log.EventLog}); knows nothing of HTTP or of who is logged in: the API
 * hands it an output and a view of each line for the subscriber.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live stream", allowedDependencies = {"log", "config"})
package vigil.server.live;
