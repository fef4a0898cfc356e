/**
 * Time: {@link vigil.server.clock.WallClock}, the only class in the server that reads the wall clock (an ArchUnit rule
 * says so), published as the {@link java.time.InstantSource} the writer advances the engine by. Uses nothing else.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clock")
package vigil.server.clock;
