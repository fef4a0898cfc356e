package vigil.server.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries zonky ships as a {@code .txz} on the class path, unpacked once per machine into a folder
 * named after their version (under {@code java.io.tmpdir}, like zonky). Unpacked into a fresh folder and moved into
 * place in one rename, so two servers starting together never see half a tree.
 */
final class PostgresBinaries {
    /** The version of the binaries artifact; the folder name changes with it. */
    static final String VERSION = "17.11.0";

    private PostgresBinaries() {}

    /** The folder holding {@code bin/initdb}, {@code bin/postgres}, {@code lib}, {@code share}. */
    static Path unpacked() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "vigil-postgres-" + VERSION + "-"
                + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"));
        if (Files.isExecutable(root.resolve("bin/postgres"))) {
            return root;
        }
        Path fresh = root.resolveSibling(root.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
        try {
            deleteTree(fresh);
            Files.createDirectories(fresh);
            try (InputStream txz = archive();
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(
                         new BufferedInputStream(txz)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path to = fresh.resolve(e.getName()).normalize();
                    if (!to.startsWith(fresh)) {
                        throw new IOException("archive entry outside its folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(to);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(to.getParent());
                        Files.createSymbolicLink(to, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(to, permissions(e.getMode()));
                    }
                }
            }
            try {
                Files.move(fresh, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException
                     | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(fresh); // another process unpacked them first
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries into " + root, e);
        }
        if (!Files.isExecutable(root.resolve("bin/postgres"))) {
            throw new IllegalStateException("no PostgreSQL binaries in " + root + " after unpacking");
        }
        return root;
    }

    private static InputStream archive() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") ? "Darwin" : os.startsWith("linux") ? "Linux" : System.getProperty("os.name");
        InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                ArchUtils.normalize(System.getProperty("os.arch")));
        if (in == null) {
            throw new IOException("no PostgreSQL binaries for " + system + " " + System.getProperty("os.arch"));
        }
        return in;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                p.add(bits[i]);
            }
        }
        p.add(PosixFilePermission.OWNER_READ);
        return p;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
