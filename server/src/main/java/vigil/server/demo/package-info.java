/**
 * The demo shift ({@code ./vigil serve --demo}, docs/adr/100 to 104): a synthetic shift in a real control room. The
 * simulator's call generator rings calls in on the shift's clock ({@link vigil.server.demo.Speed}: real time, or
 * {@code --speed N} times faster), and simulated staff (call handler, despatcher, controller, inspector) and crews act
 * on what they see in the room, each under their own roster id, through the writer's queue like every command of
 * {@code POST /api/commands}. They read the room before each act and assume nothing, so people logged in beside them
 * may act first, or instead; a refusal is the engine's answer like anyone's. Uses the writer and the committed log, the
 * staff accounts (kept in step with the people it adds, as {@code POST /api/commands} keeps them), the configuration,
 * and the simulator's model, call generator and choice of unit.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo shift",
        allowedDependencies = {"log", "staff", "config"})
package vigil.server.demo;
