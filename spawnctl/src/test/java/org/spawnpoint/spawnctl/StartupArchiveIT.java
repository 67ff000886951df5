package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/spawnctl makes its class-data archive and uses it: picocli's classes (compiled for Java 5, which a dynamic
 * archive leaves out on Java 17) and spawnctl's own come from the archive, not from the jars.
 */
@Timeout(120)
class StartupArchiveIT {
    @TempDir
    Path dir;

    @Test
    void theArchiveHoldsPicocliAndSpawnctl() throws Exception {
        try (UserProcess first = UserProcess.start(Map.of(), "spawnctl", "--version")) {
            assertEquals(0, first.await(90), first.output());
        }
        assertTrue(Files.isRegularFile(UserProcess.ROOT.resolve("spawnctl/target/spawnctl.jsa")), "no archive made");
        Path log = dir.resolve("classes.log");
        try (UserProcess second = UserProcess.start(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + log),
                "spawnctl", "--version")) {
            assertEquals(0, second.await(60), second.output());
            assertTrue(second.output().startsWith("spawnctl "), second.output());
        }
        // --version alone takes a short cut past picocli; through picocli (an option before it) it says the same.
        try (UserProcess viaPicocli = UserProcess.start(Map.of(), "spawnctl", "--color", "never", "--version");
             UserProcess shortCut = UserProcess.start(Map.of(), "spawnctl", "-V")) {
            assertEquals(0, viaPicocli.await(60), viaPicocli.output());
            assertEquals(0, shortCut.await(60), shortCut.output());
            assertEquals(viaPicocli.output(), shortCut.output());
        }
        List<String> loaded = Files.readAllLines(log);
        for (String cls : List.of("picocli.CommandLine", "org.spawnpoint.spawnctl.SpawnCtl")) {
            assertArchived(loaded, cls);
        }
        // picocli compiled for Java 17 (picocli-release17): its classes were verified when the archive was made, not
        // on each run as the Java 5 classes of picocli's own jar were.
        Path init = dir.resolve("init.log");
        try (UserProcess help = UserProcess.start(Map.of("JAVA_OPTS", "-Xlog:class+init=info:file=" + init),
                "spawnctl", "deploy", "--help")) {
            assertEquals(0, help.await(60), help.output());
        }
        List<String> verified = Files.readAllLines(init).stream()
                .filter(l -> l.contains("Start class verification for: picocli.")).toList();
        assertTrue(verified.isEmpty(), verified.size() + " picocli classes verified at run time: " + verified);
    }

    /**
     * A command that logs sets Logback up through spawnctl's own SLF4J provider, from the archive: not through SLF4J's
     * service loader and Logback's auto-configuration (which opened every jar), and without SLF4J's line about it.
     */
    @Test
    void loggingIsSetUpByTheCliProvider() throws Exception {
        try (UserProcess first = UserProcess.start(Map.of(), "spawnctl", "--version")) {
            assertEquals(0, first.await(90), first.output());
        }
        Path log = dir.resolve("scan-classes.log");
        // Port 1 on loopback: nothing listens, so scan fails fast after its start-up (exit 3, router unreachable),
        // having set up logging first (the client's classes log); the entity file is not read before the connect.
        Path entity = Files.write(dir.resolve("unused.key"), new byte[] {1, 2, 3});
        try (UserProcess scan = UserProcess.start(Map.of("JAVA_OPTS", "-Xlog:class+load:file=" + log),
                "spawnctl", "-r", "127.0.0.1:1", "-e", entity.toString(), "scan", "x.ns/spawnpoint")) {
            assertEquals(ExitCodes.UNAVAILABLE, scan.await(60), scan.output());
            assertTrue(!scan.output().contains("SLF4J"), scan.output());
        }
        List<String> loaded = Files.readAllLines(log);
        assertArchived(loaded, CliLogProvider.class.getName());
        assertArchived(loaded, "ch.qos.logback.classic.LoggerContext");
        assertTrue(loaded.stream().noneMatch(l -> l.contains(" ch.qos.logback.classic.util.ContextInitializer ")),
                "Logback's auto-configuration ran");
    }

    /**
     * The launcher's one jar: the classes a deploy needs (BouncyCastle's HPKE, Logback), no signature files (a signed
     * jar's classes stay out of the archive) and no service file naming the JCA provider classes it leaves out.
     */
    @Test
    void theCliJarHoldsWhatSpawnctlNeedsAndNoSignatures() throws Exception {
        Path cli = UserProcess.ROOT.resolve("spawnctl/target/cli/spawnctl.jar");
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(cli.toFile())) {
            assertEquals("true", jar.getManifest().getMainAttributes().getValue("Multi-Release"));
            for (String needed : List.of("org/spawnpoint/spawnctl/SpawnCtl.class", "picocli/CommandLine.class",
                    "org/bouncycastle/crypto/hpke/HPKE.class", "ch/qos/logback/classic/LoggerContext.class",
                    "org/yaml/snakeyaml/parser/ParserImpl.class", "META-INF/services/"
                            + "org.spawnpoint.bosswave.BosswaveConnector")) {
                assertTrue(jar.getEntry(needed) != null, needed + " missing from " + cli);
            }
            List<String> unwanted = jar.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)") || n.startsWith("org/bouncycastle/jcajce/")
                            || n.equals("META-INF/services/java.security.Provider"))
                    .toList();
            assertTrue(unwanted.isEmpty(), unwanted.toString());
        }
    }

    private static void assertArchived(List<String> loaded, String cls) {
        String line = loaded.stream().filter(l -> l.contains(" " + cls + " source:")).findFirst()
                .orElse(cls + " not loaded");
        assertTrue(line.endsWith("source: shared objects file"), line);
    }
}
