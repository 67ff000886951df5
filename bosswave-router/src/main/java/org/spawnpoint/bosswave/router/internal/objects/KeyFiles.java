package org.spawnpoint.bosswave.router.internal.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/** bw2 files: key file {@code 0x32 ‖ SK ‖ entity} (mode 0600), DOT file {@code 0x20 ‖ DOT}, entity file {@code 0x30 ‖ entity}. */
public final class KeyFiles {
    public static final int KEY = 0x32;
    public static final int DOT = 0x20;
    public static final int ENTITY = 0x30;

    private KeyFiles() {
    }

    /** An entity together with its signing seed. */
    public record EntityKey(byte[] seed, Entity entity) {
        /** SK ‖ entity: the PO 0.0.0.50 content and what {@code sete} expects. */
        public byte[] blob() {
            byte[] e = entity.encoded();
            byte[] out = new byte[32 + e.length];
            System.arraycopy(seed, 0, out, 0, 32);
            System.arraycopy(e, 0, out, 32, e.length);
            return out;
        }

        /** Parses SK ‖ entity and checks that the seed belongs to the entity. */
        public static EntityKey parseBlob(byte[] blob) throws ObjectFormatException {
            if (blob.length < 32 + 32 + 1 + 64) {
                throw new ObjectFormatException("key: " + blob.length + " bytes is too short for SK ‖ entity");
            }
            byte[] seed = Arrays.copyOf(blob, 32);
            Entity e = Entity.parse(Arrays.copyOfRange(blob, 32, blob.length));
            if (!Arrays.equals(Crypto.publicKey(seed), e.vk())) {
                throw new ObjectFormatException("key: the signing key does not belong to entity " + e.vkB64());
            }
            return new EntityKey(seed, e);
        }
    }

    public static void writeKey(Path file, EntityKey key) throws IOException {
        byte[] blob = key.blob();
        byte[] out = new byte[blob.length + 1];
        out[0] = KEY;
        System.arraycopy(blob, 0, out, 1, blob.length);
        writePrivate(file, out);
    }

    public static EntityKey readKey(Path file) throws IOException, ObjectFormatException {
        byte[] b = Files.readAllBytes(file);
        if (b.length == 0 || b[0] != KEY) {
            throw new ObjectFormatException(file + ": not a bw2 key file (first byte must be 0x32)");
        }
        try {
            return EntityKey.parseBlob(Arrays.copyOfRange(b, 1, b.length));
        } catch (ObjectFormatException e) {
            throw new ObjectFormatException(file + ": " + e.getMessage());
        }
    }

    public static void writeDot(Path file, Dot dot) throws IOException {
        byte[] d = dot.encoded();
        byte[] out = new byte[d.length + 1];
        out[0] = DOT;
        System.arraycopy(d, 0, out, 1, d.length);
        Files.write(file, out);
    }

    /** Writes {@code data} to a new file readable only by its owner (the file is created with mode 0600). */
    public static void writePrivate(Path file, byte[] data) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, data, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
