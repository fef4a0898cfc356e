package vigil.sim.canary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Canary: reads a file, which the projection may never do (the server feeds it events, not files). */
public class FileOpener {
    public String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
