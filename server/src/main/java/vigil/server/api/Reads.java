package vigil.server.api;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import vigil.core.engine.Queries;
import vigil.server.log.Writer;

/** Questions to the engine, asked on the writer ({@link Writer#ask}), with the same patience as a command. */
final class Reads {
    private Reads() {}

    /** {@code read}'s answer; a writer that is not writing (or does not answer) is a retryable 503. */
    static <T> T ask(Writer writer, Function<Queries, T> read) {
        try {
            return writer.ask(read).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw Problem.unavailable("no answer from the control room within 30 s; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.unavailable("the server is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Writer.Unavailable u) {
                throw Problem.unavailable(u.getMessage());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
