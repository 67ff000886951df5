package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.PayloadObject;

class IncludedFilesTest {
    @TempDir
    Path dir;

    @Test
    void nothingToPack() {
        assertNull(IncludedFiles.pack(List.of(), List.of(), dir));
    }

    @Test
    void filesUnderBaseNamesAndDirectoriesWithTheirNames() throws IOException {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/params.yml"), "key: value");
        Files.createDirectories(dir.resolve("conf/sub"));
        Files.writeString(dir.resolve("conf/x.txt"), "x");
        Files.write(dir.resolve("conf/sub/y.bin"), new byte[1000]);
        Path run = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        run.toFile().setExecutable(true);
        byte[] tar = IncludedFiles.pack(List.of("a/params.yml", "run.sh"), List.of("conf"), dir);
        Map<String, IncludedFiles.Entry> byName = new TreeMap<>();
        IncludedFiles.read(tar).forEach(e -> byName.put(e.name(), e));
        assertEquals(List.of("conf", "conf/sub", "conf/sub/y.bin", "conf/x.txt", "params.yml", "run.sh"),
                List.copyOf(byName.keySet()));
        assertTrue(byName.get("conf").directory());
        assertEquals("key: value", new String(byName.get("params.yml").content(), StandardCharsets.UTF_8));
        assertEquals(1000, byName.get("conf/sub/y.bin").content().length);
        assertEquals(0744, byName.get("run.sh").mode(), "the file's own bits");
        assertEquals(0644, byName.get("params.yml").mode());
        assertEquals(0, tar.length % 512);
    }

    /** The system tar must read what we write, long names included. */
    @Test
    void gnuTarReadsOurArchive() throws Exception {
        String deep = "d/" + "n".repeat(90) + "/" + "m".repeat(90);
        Files.createDirectories(dir.resolve(deep));
        Files.writeString(dir.resolve(deep + "/file.txt"), "deep");
        byte[] tar = IncludedFiles.pack(List.of(), List.of("d"), dir);
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = new ProcessBuilder("tar", "-xf", "-", "-C", out.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(tar);
        p.getOutputStream().close();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), msg);
        assertEquals("deep", Files.readString(out.resolve(deep + "/file.txt")));
        assertTrue(IncludedFiles.read(tar).stream().anyMatch(e -> e.name().equals(deep + "/file.txt")));
    }

    /** And we read what GNU tar writes, the way spawnd will read a tar from an original spawnctl. */
    @Test
    void readsGnuTarArchives() throws Exception {
        Files.createDirectories(dir.resolve("src/" + "q".repeat(120)));
        Files.writeString(dir.resolve("src/" + "q".repeat(120) + "/f"), "gnu");
        Process p = new ProcessBuilder("tar", "--format=gnu", "-cf", "-", "-C", dir.resolve("src").toString(), ".")
                .start();
        byte[] tar = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        List<IncludedFiles.Entry> entries = IncludedFiles.read(tar);
        IncludedFiles.Entry f = entries.stream().filter(e -> e.name().endsWith("/f")).findFirst().orElseThrow();
        assertEquals("q".repeat(120) + "/f", f.name());
        assertEquals("gnu", new String(f.content(), StandardCharsets.UTF_8));
    }

    @Test
    void base64StringPayload() throws IOException {
        Files.writeString(dir.resolve("p.yml"), "a: b");
        byte[] tar = IncludedFiles.pack(List.of("p.yml"), List.of(), dir);
        PayloadObject po = IncludedFiles.toPayloadObject(tar);
        assertEquals("64.0.1.0", po.dottedType());
        assertArrayEquals(tar, Base64.getDecoder().decode(po.contentAsString()));
        assertEquals("p.yml", IncludedFiles.fromBase64(po.contentAsString()).get(0).name());
    }

    @Test
    void missingOrWrongPathsAreErrorsNamingTheKey() throws IOException {
        ConfigException f = assertThrows(ConfigException.class, () -> IncludedFiles.pack(List.of("nope.yml"), List.of(), dir));
        assertEquals("includedFiles", f.field());
        assertTrue(f.getMessage().startsWith("Invalid service config: 'includedFiles' expected existing files, but \"nope.yml\" does not exist"), f.getMessage());
        ConfigException d = assertThrows(ConfigException.class, () -> IncludedFiles.pack(List.of(), List.of("nodir"), dir));
        assertEquals("includedDirs", d.field());
        Files.createDirectories(dir.resolve("x"));
        ConfigException isDir = assertThrows(ConfigException.class, () -> IncludedFiles.pack(List.of("x"), List.of(), dir));
        assertTrue(isDir.getMessage().contains("is a directory (list it under includedDirs)"));
        Files.writeString(dir.resolve("x/p"), "1");
        Files.createDirectories(dir.resolve("y"));
        Files.writeString(dir.resolve("y/p"), "2");
        ConfigException dup = assertThrows(ConfigException.class, () -> IncludedFiles.pack(List.of("x/p", "y/p"), List.of(), dir));
        assertTrue(dup.getMessage().contains("two included paths have the same name \"p\""), dup.getMessage());
    }

    @Test
    void readerRefusesEscapesLinksAndGarbage() {
        assertTrue(assertThrows(PayloadFormatException.class, () -> IncludedFiles.read(tarOf("../evil", '0')))
                .getMessage().contains("escapes the working directory"));
        assertTrue(assertThrows(PayloadFormatException.class, () -> IncludedFiles.read(tarOf("/etc/x", '0')))
                .getMessage().contains("absolute or unsafe name"));
        assertTrue(assertThrows(PayloadFormatException.class, () -> IncludedFiles.read(tarOf("link", '2')))
                .getMessage().contains("only files and directories may be included"));
        byte[] corrupt = tarOf("ok", '0');
        corrupt[0] = 'X';
        assertTrue(assertThrows(PayloadFormatException.class, () -> IncludedFiles.read(corrupt))
                .getMessage().contains("wrong checksum"));
        assertThrows(PayloadFormatException.class, () -> IncludedFiles.fromBase64("%%%"));
    }

    private static byte[] tarOf(String name, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, n.length);
        System.arraycopy("0000644\0".getBytes(StandardCharsets.US_ASCII), 0, h, 100, 8);
        System.arraycopy("00000000000\0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 12);
        h[156] = (byte) type;
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 0, h, 148, 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    @Test
    void keepsPermissionBits() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path tool = Files.writeString(dir.resolve("tool.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Map<String, Integer> modes = new TreeMap<>();
        IncludedFiles.read(IncludedFiles.pack(List.of("secret.txt", "tool.sh"), List.of(), dir))
                .forEach(e -> modes.put(e.name(), e.mode()));
        assertEquals(Map.of("secret.txt", 0600, "tool.sh", 0750), modes);
    }

    private ConfigException refused(List<String> files, List<String> dirs, Path workDir) {
        return assertThrows(ConfigException.class, () -> IncludedFiles.pack(files, dirs, workDir));
    }

    @Test
    void refusesPathsLeadingOutsideTheFolder() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path outside = Files.writeString(dir.resolve("id_rsa"), "private");
        Files.writeString(work.resolve("ok.txt"), "ok");
        ConfigException up = refused(List.of("../id_rsa"), List.of(), work);
        assertEquals("includedFiles", up.field());
        assertTrue(up.getMessage().startsWith("Invalid service config: 'includedFiles' \"../id_rsa\" leads outside "
                + work.toRealPath()), up.getMessage());
        assertTrue(refused(List.of(outside.toString()), List.of(), work).getMessage().contains("\"" + outside + "\" leads "
                + "outside"));
        assertTrue(refused(List.of(), List.of(".."), work).getMessage().contains("'includedDirs' \"..\" leads outside"));
        // An absolute path inside the folder is fine.
        assertEquals("ok.txt", IncludedFiles.read(IncludedFiles.pack(List.of(work.resolve("ok.txt").toString()),
                List.of(), work)).get(0).name());
    }

    @Test
    void refusesSymbolicLinksLeadingOutside() throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path outsideDir = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outsideDir.resolve("key"), "private");
        Files.createSymbolicLink(work.resolve("link.txt"), outsideDir.resolve("key"));
        Files.createDirectories(work.resolve("conf"));
        Files.writeString(work.resolve("conf/a.txt"), "a");
        Files.createSymbolicLink(work.resolve("conf/sub"), outsideDir);
        ConfigException file = refused(List.of("link.txt"), List.of(), work);
        assertTrue(file.getMessage().contains("'includedFiles' \"link.txt\" leads outside " + work.toRealPath()
                + " (to " + outsideDir.toRealPath().resolve("key") + ")"), file.getMessage());
        ConfigException inDir = refused(List.of(), List.of("conf"), work);
        assertTrue(inDir.getMessage().contains("'includedDirs' \"conf/sub\" leads outside"), inDir.getMessage());
        // A link that stays inside is followed.
        Files.createSymbolicLink(work.resolve("inside.txt"), work.resolve("conf/a.txt"));
        assertEquals("a", new String(IncludedFiles.read(IncludedFiles.pack(List.of("inside.txt"), List.of(), work))
                .get(0).content(), StandardCharsets.UTF_8));
    }

    @Test
    void nothingMayReplaceTheEntity() throws IOException {
        Files.writeString(dir.resolve("entity.key"), "fake");
        ConfigException f = refused(List.of("entity.key"), List.of(), dir);
        assertEquals("Invalid service config: 'includedFiles' may not include \"entity.key\": it would replace the "
                + "service's entity /srv/spawnpoint/entity.key; rename it", f.getMessage());
        Files.createDirectories(dir.resolve("d/entity.key"));
        Files.writeString(dir.resolve("d/entity.key/x"), "x");
        assertTrue(refused(List.of(), List.of("d/entity.key"), dir).getMessage()
                .contains("'includedDirs' may not include \"entity.key\""));
        assertThrows(ConfigException.class, () -> IncludedFiles.requireNotEntity("includedDirs", "entity.key/x"));
        IncludedFiles.requireNotEntity("includedFiles", "conf/entity.key"); // below the working directory: harmless
    }

    @Test
    void boundsTheNumberOfEntries() throws IOException {
        Path many = Files.createDirectories(dir.resolve("many"));
        for (int i = 0; i < DeployLimits.MAX_INCLUDED_FILES; i++) {
            Files.write(many.resolve("f" + i), new byte[0]);
        }
        ConfigException e = refused(List.of(), List.of("many"), dir);
        assertEquals("Invalid service config: 'includedDirs' directory \"many\" holds more than 10000 files and "
                + "directories, the most any spawnpoint accepts (see its maxIncludedFiles); ship them in the image or a "
                + "volume instead", e.getMessage());
    }
}
