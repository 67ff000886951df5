package org.spawnpoint.spawnd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.spawnpoint.spawnclient.model.SealKeyPair;

/**
 * The spawnpoint's seal key pair in its state directory ({@value #FILE_NAME}, the raw 32-byte X25519 private key,
 * mode 0600): made at first start and kept across restarts, so that configs sealed for the advertised key (and the
 * manifests that keep them) open after a restart.
 */
public final class SealKeyStore {
    /** The file name in the state directory. */
    public static final String FILE_NAME = "seal-key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SealKeyStore() {
    }

    /** Reads the key pair from {@code stateDir}, making and storing one when there is none yet. */
    public static SealKeyPair loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            SealKeyPair fresh = SealKeyPair.generate();
            // The file is created with mode 0600 (never wider for a moment) and moved into place whole.
            Path tmp = stateDir.resolve("." + FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(tmp, fresh.privateKey());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
                return read(file); // another start won the race; use its key
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the seal key " + file + ": " + e.getMessage(), e);
        }
    }

    private static SealKeyPair read(Path file) throws IOException {
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        byte[] raw = Files.readAllBytes(file);
        try {
            return SealKeyPair.fromPrivateKey(raw);
        } catch (IllegalArgumentException e) {
            throw new IOException("the seal key file is damaged (" + e.getMessage() + "); move it away to make a new"
                    + " key (services sealed for the old key then need deploying again)", e);
        }
    }
}
