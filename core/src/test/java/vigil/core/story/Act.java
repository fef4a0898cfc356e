package vigil.core.story;

import java.util.Objects;
import java.util.function.Function;
import vigil.core.Actor;
import vigil.core.Command;

/**
 * A command waiting for its moment: who gives it (by default the role the contract names for it) and what it says.
 * {@link #by(Actor)} hands the same command to someone else, which is how permission stories are told.
 */
public record Act(Actor actor, Function<Actor, Command> make) {
    public Act {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(make, "make");
    }

    /** A command as it stands: given by the actor it names, whoever {@link #by} would hand it to. */
    public static Act of(Command command) {
        return new Act(command.by(), by -> command);
    }

    public Act by(Actor someoneElse) {
        return new Act(someoneElse, make);
    }

    public Command command() {
        return make.apply(actor);
    }

    public String name() {
        return command().name();
    }

    @Override
    public String toString() {
        return command().toString();
    }
}
