package vigil.server.web;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import vigil.core.engine.Queries;
import vigil.server.log.Writer;

/**
 * The control room as a page sees it: the engine's queries, asked on the writer after the batch they arrive with has
 * committed (as the API's reads are), together with the seq that picture stands at. A page renders the picture and
 * hands the seq to {@code live.js}, which subscribes after it: nothing between the two is missed or seen twice.
 */
@Component
class Picture {
    /** A read's answer and the last seq of the log it reflects. */
    record Seen<T>(long seq, T value) {}

    private final Writer writer;

    Picture(Writer writer) {
        this.writer = writer;
    }

    <T> Seen<T> ask(Function<Queries, T> read) {
        try {
            // On the writer thread, the position is that of the batch just committed: the state the read sees.
            return writer.ask(q -> new Seen<>(writer.position().lastSeq(), read.apply(q))).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw unavailable("no answer from the control room within 30 s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the server is stopping");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Writer.Unavailable u) {
                throw unavailable(u.getMessage());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static PageProblem unavailable(String why) {
        return new PageProblem(HttpStatus.SERVICE_UNAVAILABLE, "The control room is not answering", why);
    }
}
