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
 * manifests that keep them) open after a restart. Its public half is kept next to it ({@value #PUBLIC_FILE_NAME}, 32
 * bytes, written whenever it is missing): computing it needs BouncyCastle, whose signed jar costs the JAR verifier
 * and the security providers at start, 8 MiB of idle resident memory (spawnd/bench.sh memory); with the file, a
 * start loads no BouncyCastle, and the first sealed config checks the two halves against each other.
 */
public final class SealKeyStore {
    /** The file name in the state directory. */
    public static final String FILE_NAME = "seal-key";
    /** The public half's file name in the state directory. */
    public static final String PUBLIC_FILE_NAME = "seal-key.pub";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SealKeyStore() {
    }

    /** Reads the key pair from {@code stateDir}, making and storing one when there is none yet. */
    public static SealKeyPair loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(stateDir);
            }
            SealKeyPair fresh = SealKeyPair.generate();
            writePublic(stateDir, fresh);
            // The file is created with mode 0600 (never wider for a moment) and moved into place whole.
            Path tmp = stateDir.resolve("." + FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(tmp, fresh.privateKey());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
                return read(stateDir); // another start won the race; use its key
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the seal key " + file + ": " + e.getMessage(), e);
        }
    }

    private static SealKeyPair read(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        byte[] raw = Files.readAllBytes(file);
        Path pub = stateDir.resolve(PUBLIC_FILE_NAME);
        try {
            // A public half older than the private key is not trusted (someone put another key in place).
            if (raw.length == SealKeyPair.KEY_BYTES && Files.isRegularFile(pub)
                    && Files.size(pub) == SealKeyPair.KEY_BYTES
                    && Files.getLastModifiedTime(pub).compareTo(Files.getLastModifiedTime(file)) >= 0) {
                return SealKeyPair.fromStored(raw, Files.readAllBytes(pub));
            }
            SealKeyPair keys = SealKeyPair.fromPrivateKey(raw);
            writePublic(stateDir, keys);
            return keys;
        } catch (IllegalArgumentException e) {
            throw new IOException("the seal key file is damaged (" + e.getMessage() + "); move it away to make a new"
                    + " key (services sealed for the old key then need deploying again)", e);
        }
    }

    /** Writes the public half (mode 0600 like the private one, though it is no secret), moved into place whole. */
    private static void writePublic(Path stateDir, SealKeyPair keys) throws IOException {
        Path tmp = Files.createTempFile(stateDir, "." + PUBLIC_FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            Files.write(tmp, keys.publicKey());
            try {
                Files.move(tmp, stateDir.resolve(PUBLIC_FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateDir.resolve(PUBLIC_FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
