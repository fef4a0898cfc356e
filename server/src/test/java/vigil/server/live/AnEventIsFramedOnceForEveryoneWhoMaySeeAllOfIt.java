package vigil.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vigil.server.log.LoggedEvent;

/**
 * The hub makes each event's frame once, for every subscriber who may see all of its line; a subscriber whose view
 * changes the line (victim details left out) gets a frame of its own, made from the line as it may see it. Either way
 * the frame is the SSE text of the event: {@code id:}, {@code event:}, and a {@code data:} for each line of the text.
 */
class AnEventIsFramedOnceForEveryoneWhoMaySeeAllOfIt {
    private static final LoggedEvent REQUESTED = new LoggedEvent(42, "SchemeRequested",
            "{\"seq\":42,\"type\":\"SchemeRequested\",\"victimName\":\"Jane Doe\"}");

    @Test
    void aViewThatLeavesTheLineAsItIsGetsTheFrameMadeOnce() {
        Frames.Framed framed = Frames.Framed.of(REQUESTED);
        assertThat(framed.frame()).isEqualTo("id: 42\nevent: SchemeRequested\ndata: " + REQUESTED.line() + "\n\n");
        StringBuilder out = new StringBuilder();
        framed.appendTo(out, line -> line);
        assertThat(out).hasToString(framed.frame());
    }

    @Test
    void aViewThatChangesTheLineGetsAFrameOfItsOwn() {
        StringBuilder out = new StringBuilder();
        Frames.Framed.of(REQUESTED).appendTo(out, line -> line.replace(",\"victimName\":\"Jane Doe\"", ""));
        assertThat(out).hasToString("id: 42\nevent: SchemeRequested\ndata: {\"seq\":42,\"type\":\"SchemeRequested\"}"
                + "\n\n");
    }

    @Test
    void eachLineOfATextWithLineBreaksHasADataFieldOfItsOwn() {
        StringBuilder out = new StringBuilder();
        Frames.event(out, new LoggedEvent(7, "Note", "one\ntwo\r\nthree\rfour"), "one\ntwo\r\nthree\rfour");
        assertThat(out).hasToString("id: 7\nevent: Note\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
    }
}
