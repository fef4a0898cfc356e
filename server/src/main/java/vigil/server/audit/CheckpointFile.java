package vigil.server.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@code checkpoints.log}: one checkpoint a line, appended and flushed to disk, never rewritten. */
final class CheckpointFile {
    private CheckpointFile() {}

    static void append(Path file, Checkpoint c) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap((c.line() + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /** Makes sure checkpoints can be appended to {@code file} (created empty when it is not there), adding none. */
    static void touch(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND).close();
    }

    /** A line as read: its number (from 1) and the checkpoint, null when the line is not one. */
    record Line(int number, String text, Checkpoint checkpoint) {}

    /** Every non-blank line; none when there is no file. */
    static List<Line> read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(new Line(i + 1, lines.get(i), Checkpoint.parse(lines.get(i))));
            }
        }
        return out;
    }

    /** The last checkpoint in the file, if its last line is one. */
    static Checkpoint last(Path file) throws IOException {
        List<Line> all = read(file);
        return all.isEmpty() ? null : all.getLast().checkpoint();
    }
}
