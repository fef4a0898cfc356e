package vigil.server.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.core.Command;
import vigil.core.Event;
import vigil.core.Reason;
import vigil.core.Recorded;
import vigil.core.engine.Queries;
import vigil.server.log.Outcome;
import vigil.server.log.Writer;

/**
 * Where the shift's simulated people hand in their commands and look at the room: the writer's queue, the path of
 * {@code POST /api/commands} (each command with its actor, answered once durable) and of every read of the engine.
 * The engine's answer is taken as it comes: a refusal is an outcome for the caller to live with. Someone refused
 * {@code NOT_PERMITTED} (taken off the roster, or never on it in that role) is stood down: the shift stops asking
 * them to act, so the log does not fill with their refusals, and says so once. Used by the shift's one thread only.
 */
final class Desk {
    private static final Logger log = LoggerFactory.getLogger(Desk.class);
    /** Longer than the writer ever takes to answer; past it the writer is taken as not writing. */
    private static final long ANSWER_WITHIN_SECONDS = 60;

    /** What became of a command. */
    enum Result {
        /** Recorded. */
        DONE,
        /** Refused by the engine (the refusal is recorded), or by the log as unstorable (nothing is recorded). */
        REFUSED,
        /** Not handed in: its actor is stood down. */
        STOOD_DOWN,
        /** Not decided: the writer is not writing (starting, standing by, recovering, stopping). */
        UNAVAILABLE
    }

    /** The writer is not writing: try again later. */
    static final class Unavailable extends Exception {
        Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    private final Writer writer;
    private final Consumer<List<Recorded>> followers;
    private final Set<String> stoodDown = new HashSet<>();

    /** {@code followers} hear each decided command's events, as {@code POST /api/commands} tells the staff accounts. */
    Desk(Writer writer, Consumer<List<Recorded>> followers) {
        this.writer = writer;
        this.followers = followers;
    }

    boolean onDuty(String actorId) {
        return !stoodDown.contains(actorId);
    }

    /** Stands {@code actorId} down from the start (not on the roster as the shift needs them). */
    void standDown(String actorId, String why) {
        if (stoodDown.add(actorId)) {
            log.warn("demo shift: {} does not act ({}); people do their part", actorId, why);
        }
    }

    Result submit(Command command) {
        return submitAll(List.of(command)).getFirst();
    }

    /** Hands in {@code commands} at once (decided in this order, likely in one batch), then waits for each answer. */
    List<Result> submitAll(List<Command> commands) {
        List<CompletableFuture<Outcome>> answers = new ArrayList<>(commands.size());
        for (Command c : commands) {
            answers.add(onDuty(c.by().id()) ? writer.submit(c, null) : null);
        }
        List<Result> out = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            out.add(answers.get(i) == null ? Result.STOOD_DOWN : result(commands.get(i), answers.get(i)));
        }
        return out;
    }

    /** Runs {@code read} against the room as committed (on the writer, as every read of the engine runs). */
    <T> T look(Function<Queries, T> read) throws Unavailable {
        try {
            return writer.ask(read).get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Writer.Unavailable u) {
                throw new Unavailable(u.getMessage());
            }
            throw new IllegalStateException("the demo shift's look at the room failed", e.getCause());
        } catch (TimeoutException e) {
            throw new Unavailable("the writer did not answer within " + ANSWER_WITHIN_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("the demo shift is stopping");
        }
    }

    private Result result(Command command, CompletableFuture<Outcome> answer) {
        Outcome o;
        try {
            o = answer.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return Result.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.UNAVAILABLE;
        }
        return switch (o) {
            case Outcome.Decided d -> {
                followers.accept(d.receipt().events());
                yield d.receipt().rejection()
                        .map(r -> refused(command, (Event.CommandRejected) r.event())).orElse(Result.DONE);
            }
            case Outcome.KeyReused k -> throw new IllegalStateException("the demo shift uses no idempotency keys");
            case Outcome.Unavailable u -> Result.UNAVAILABLE;
            case Outcome.Unstorable u -> {
                log.warn("demo shift: the log could not store {} by {}", command.name(), command.by().id());
                yield Result.REFUSED;
            }
        };
    }

    private Result refused(Command command, Event.CommandRejected rejection) {
        if (rejection.reason() == Reason.NOT_PERMITTED) {
            standDown(command.by().id(), "refused NOT_PERMITTED: " + rejection.detail());
        } else {
            log.debug("demo shift: {} by {} refused {}: {}", command.name(), command.by().id(), rejection.reason(),
                    rejection.detail());
        }
        return Result.REFUSED;
    }
}
