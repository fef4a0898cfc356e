package vigil.server.demo;

import vigil.server.config.VigilProperties;
import vigil.sim.json.InvalidInput;

/** The demo shift's settings as the launcher and the start-up message see them. */
public final class DemoSettings {
    private DemoSettings() {}

    /**
     * Why the demo settings cannot run, in one line, or null when they can (or no shift is asked for): read before the
     * server starts, so a bad speed or model file is one line and exit 2, not a failed start.
     */
    public static String problem(VigilProperties p) {
        if (!p.demoShift()) {
            return null;
        }
        if (!(p.demoSpeed() >= Speed.SLOWEST && p.demoSpeed() <= Speed.FASTEST)) {
            return "VIGIL_DEMO_SPEED must be a number from 0.1 to 1000, not "
                    + (Double.isFinite(p.demoSpeed())
                    ? java.math.BigDecimal.valueOf(p.demoSpeed()).stripTrailingZeros().toPlainString()
                    : Double.toString(p.demoSpeed()));
        }
        try {
            DemoModel.load(p.demoModel());
        } catch (InvalidInput e) {
            String m = e.getMessage(); // a file's own fault names the file; a model's names the field
            return "VIGIL_DEMO_MODEL" + (m.startsWith(p.demoModel().toString()) ? "" : " " + p.demoModel()) + ": " + m;
        }
        return null;
    }

    /** What the start-up message says of the shift, or null when none runs. */
    public static String describe(VigilProperties p) {
        if (!p.demoShift()) {
            return null;
        }
        Speed speed = new Speed(p.demoSpeed());
        return "a synthetic shift runs " + (speed.factor() == 1 ? "in real time" : "at speed " + speed
                + " (its calls, travel and work " + speed + " times faster; countdowns stay real)")
                + ": its call handler, despatcher, controller, inspector (sim-*) and crews act through the log; log in"
                + " as any role to step in beside them";
    }
}
