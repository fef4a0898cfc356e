package vigil.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 key that signs checkpoints (the JDK's own Ed25519), kept in the data directory: {@code checkpoint-key}
 * (PKCS#8, base64, mode 600) and {@code checkpoint-key.pub} (X.509, base64), made on first use.
 */
final class CheckpointKey {
    static final String PRIVATE = "checkpoint-key";
    static final String PUBLIC = "checkpoint-key.pub";

    private CheckpointKey() {}

    /** The key pair of {@code dataDir}, created if there is none yet. */
    static KeyPair loadOrCreate(Path dataDir) {
        Path priv = dataDir.resolve(PRIVATE);
        Path pub = dataDir.resolve(PUBLIC);
        try {
            if (!Files.exists(priv)) {
                Files.createDirectories(dataDir);
                KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                write(pub, k.getPublic().getEncoded(), "rw-r--r--");
                write(priv, k.getPrivate().getEncoded(), "rw-------");
                return k;
            }
            PrivateKey p = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(read(priv)));
            return new KeyPair(loadPublic(dataDir), p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the checkpoint key in " + dataDir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint key in " + dataDir + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The public key of {@code dataDir}. */
    static PublicKey loadPublic(Path dataDir) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(read(dataDir.resolve(PUBLIC))));
    }

    static String sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint: " + e.getMessage(), e);
        }
    }

    static boolean verifies(PublicKey key, Checkpoint c) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(c.signedBytes());
            return s.verify(c.signatureBytes());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] read(Path file) throws IOException {
        return Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }

    private static void write(Path file, byte[] der, String mode) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
        Files.writeString(tmp, Base64.getEncoder().encodeToString(der) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
