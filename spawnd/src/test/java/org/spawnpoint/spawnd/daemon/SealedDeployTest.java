package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.spawnclient.model.SealKeyPair;
import org.spawnpoint.spawnclient.model.SealedEntity;
import org.spawnpoint.spawnd.backend.ContainerFile;

/** spawnd opens {@code sealedEntity} with its stored key, still takes the plain {@code entity}, and says why not. */
class SealedDeployTest {
    static final String SP = "ns/spawnpoint/alpha";
    static final byte[] ENTITY = {0x32, 9, 8, 7, 6, 5, 4, 3};

    @TempDir
    Path state;
    SealKeyPair keys;
    InMemoryBackend backend;
    RecordingEvents events;
    ServiceManager manager;
    ConfigAdmission admission;

    @BeforeEach
    void setUp() {
        keys = SealKeyStore.loadOrCreate(state);
        backend = new InMemoryBackend();
        events = new RecordingEvents();
        manager = new ServiceManager(backend, new ResourcePool(1024, 4096), new ManifestStore(state), events,
                new Deployment.Policy("alpha", null, false, false, SP, keys), SP,
                new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30)));
        admission = new ConfigAdmission(manager, events);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static String config(String name, String entityLine) {
        return "serviceName: " + name + "\n" + entityLine + "\nimage: spawnpoint/base:latest\nrun: [sleep, '1000']\n"
                + "memAlloc: 10M\ncpuShares: 10\n";
    }

    void deploy(String yaml, String name) throws InterruptedException {
        admission.admit(yaml.getBytes(StandardCharsets.UTF_8), null);
        manager.awaitIdle(name, 5000);
    }

    private byte[] entityInContainer(String name) {
        return backend.byService(name).spec.files().stream().filter(f -> f.path().equals(ContainerFile.ENTITY_PATH))
                .findFirst().orElseThrow().content();
    }

    @Test
    void sealedEntityIsOpened() throws Exception {
        deploy(config("svc", "sealedEntity: " + SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY)), "svc");
        assertEquals(ServiceState.RUNNING, manager.states().get("svc"), events.logs::toString);
        assertArrayEquals(ENTITY, entityInContainer("svc"));
    }

    @Test
    void sealedIncludeTarIsOpenedWithTheEntity() throws Exception {
        java.nio.file.Path src = Files.createTempDirectory(state, "inc");
        Files.writeString(src.resolve("secret.conf"), "password=hunter2\n");
        byte[] tar = org.spawnpoint.spawnclient.model.IncludedFiles.pack(java.util.List.of("secret.conf"),
                java.util.List.of(), src);
        SealedEntity.Sealed s = SealedEntity.seal(keys.publicKey(), SP, "inc", ENTITY, tar);
        admission.admit(config("inc", "sealedEntity: " + s.sealedEntity()).getBytes(StandardCharsets.UTF_8),
                java.util.Base64.getEncoder().encode(s.sealedIncludes()));
        manager.awaitIdle("inc", 5000);
        assertEquals(ServiceState.RUNNING, manager.states().get("inc"), events.logs::toString);
        assertTrue(backend.byService("inc").spec.files().stream().anyMatch(f -> f.path().endsWith("secret.conf")
                && new String(f.content(), StandardCharsets.UTF_8).equals("password=hunter2\n")));
        // A plain tar next to a sealed entity is refused rather than read.
        admission.admit(config("inc2", "sealedEntity: " + SealedEntity.seal(keys.publicKey(), SP, "inc2", ENTITY))
                .getBytes(StandardCharsets.UTF_8), java.util.Base64.getEncoder().encode(tar));
        manager.awaitIdle("inc2", 5000);
        assertTrue(events.has("inc2: [FAILURE] Failed to launch service: Invalid service config: the included files"
                + " (String PO 64.0.1.0) could not be opened with 'sealedEntity'"), events.logs::toString);
    }

    /** The manifest keeps the sealed config as received; a restarted spawnd opens it again with the stored key. */
    @Test
    void recoveryReopensTheSealedEntityWithTheKeptKey() throws Exception {
        deploy(config("kept", "sealedEntity: " + SealedEntity.seal(keys.publicKey(), SP, "kept", ENTITY)), "kept");
        assertEquals(ServiceState.RUNNING, manager.states().get("kept"), events.logs::toString);
        manager.close();
        backend.listeners.clear();
        manager = new ServiceManager(backend, new ResourcePool(1024, 4096), new ManifestStore(state), events,
                new Deployment.Policy("alpha", null, false, false, SP, SealKeyStore.loadOrCreate(state)), SP,
                new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30)));
        manager.recover();
        assertEquals(ServiceState.RUNNING, manager.states().get("kept"), events.logs::toString);
        String manifest = Files.readString(state.resolve("services/kept.manifest.yml"));
        assertFalse(manifest.contains(java.util.Base64.getEncoder().encodeToString(ENTITY)), "only the sealed form");
    }

    @Test
    void plainEntityStillWorks() throws Exception {
        deploy(config("plain", "entity: " + java.util.Base64.getEncoder().encodeToString(ENTITY)), "plain");
        assertArrayEquals(ENTITY, entityInContainer("plain"));
    }

    @Test
    void failuresNameTheKeyAndTheReason() throws Exception {
        deploy(config("other", "sealedEntity: " + SealedEntity.seal(SealKeyPair.generate().publicKey(), SP, "other",
                ENTITY)), "other");
        assertTrue(events.has("other: [FAILURE] Failed to launch service: Invalid service config: 'sealedEntity' was"
                + " sealed for another spawnpoint key"), events.logs::toString);
        deploy(config("renamed", "sealedEntity: " + SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY)), "renamed");
        assertTrue(events.has("renamed: [FAILURE] Failed to launch service: Invalid service config: 'sealedEntity' was"
                + " sealed for service \"svc\", not \"renamed\""), events.logs::toString);
        deploy(config("both", "entity: QUJD\nsealedEntity: QUJD"), "both");
        assertTrue(events.has("'entity' and 'sealedEntity' are both given"), events.logs::toString);
        assertTrue(manager.states().isEmpty());
    }

    /** The size is checked on the raw bytes: an oversized config never reaches the parser, and costs nothing. */
    @Test
    void oversizedConfigIsRefusedBeforeParsing() throws Exception {
        byte[] big = new byte[ConfigAdmission.MAX_CONFIG_BYTES + 1];
        byte[] head = "serviceName: big\nrun: [\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        // Not valid UTF-8 nor YAML past the head: any decoding or parsing would report that instead.
        java.util.Arrays.fill(big, head.length, big.length, (byte) 0xff);
        long t0 = System.nanoTime();
        admission.admit(big, null);
        long micros = (System.nanoTime() - t0) / 1000;
        assertTrue(events.has("big: [FAILURE] Failed to launch service: the config (PO 67.0.2.0) is 1048577 bytes,"
                + " more than the limit of 1048576 bytes"), events.logs::toString);
        assertEquals(0, admission.pending());
        assertTrue(micros < 1_000_000, "refused in " + micros + " µs");
    }

    /** Configs waiting behind a slow service's step are bounded per service, and others still get through. */
    @Test
    void aSlowServiceCannotTakeEveryPendingPlace() throws Exception {
        String sealed = SealedEntity.seal(keys.publicKey(), SP, "slow", ENTITY);
        backend.startDelay = Duration.ofMillis(1500);
        admission.admit(config("slow", "sealedEntity: " + sealed).getBytes(StandardCharsets.UTF_8), null);
        Thread.sleep(200); // its deploy step is under way on its executor
        for (int i = 0; i < ConfigAdmission.MAX_PENDING_PER_SERVICE + 1; i++) {
            admission.admit(config("slow", "sealedEntity: " + sealed).getBytes(StandardCharsets.UTF_8), null);
        }
        assertTrue(events.has("slow: [FAILURE] Failed to launch service: 2 configs for this service are already"
                + " waiting for its step under way"), events.logs::toString);
        assertEquals(ConfigAdmission.MAX_PENDING_PER_SERVICE, admission.pending());
        backend.startDelay = Duration.ZERO;
        deploy(config("quick", "sealedEntity: " + SealedEntity.seal(keys.publicKey(), SP, "quick", ENTITY)), "quick");
        assertEquals(ServiceState.RUNNING, manager.states().get("quick"), events.logs::toString);
        manager.awaitIdle("slow", 20_000);
        assertEquals(0, admission.pending());
    }

    @Test
    void guessesTheNameFromTheBytes() {
        assertEquals("svc", ConfigAdmission.guessServiceName("serviceName: svc\nx: 1".getBytes()));
        assertEquals("a.b-c", ConfigAdmission.guessServiceName("x: 1\r\nserviceName: 'a.b-c'\r\n".getBytes()));
        assertEquals("", ConfigAdmission.guessServiceName("  serviceName: svc\n".getBytes()));
        assertEquals("", ConfigAdmission.guessServiceName("serviceName: sv c\n".getBytes()));
        assertEquals("", ConfigAdmission.guessServiceName("serviceName: -x\n".getBytes()));
        assertEquals("", ConfigAdmission.guessServiceName(("serviceName: " + "a".repeat(201)).getBytes()));
    }

    /** A config whose parsed name is not the guessed one still deploys under its parsed name. */
    @Test
    void nameInAFlowMappingIsFoundByTheParser() throws Exception {
        String sealed = SealedEntity.seal(keys.publicKey(), SP, "flow", ENTITY);
        admission.admit(("{serviceName: flow, sealedEntity: " + sealed + ", image: spawnpoint/base:latest,"
                + " run: [sleep, '1'], memAlloc: 10M, cpuShares: 10}").getBytes(StandardCharsets.UTF_8), null);
        manager.awaitIdle("", 5000);
        manager.awaitIdle("flow", 5000);
        assertEquals(ServiceState.RUNNING, manager.states().get("flow"), events.logs::toString);
    }

    @Test
    void keyFileIsPrivateAndKeptAcrossRestarts() throws Exception {
        Path f = state.resolve(SealKeyStore.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(32, Files.size(f));
        assertArrayEquals(keys.publicKey(), SealKeyStore.loadOrCreate(state).publicKey());
        Path other = Files.createTempDirectory(state, "other");
        assertFalse(java.util.Arrays.equals(keys.publicKey(), SealKeyStore.loadOrCreate(other).publicKey()));
        Files.write(f, new byte[5]);
        String msg = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> SealKeyStore.loadOrCreate(state)).getMessage();
        assertTrue(msg.contains("the seal key file is damaged"), msg);
        assertNotEquals(0, keys.publicKey()[0] | keys.publicKey()[1] | keys.publicKey()[2]);
    }

    @Test
    void thePublicHalfIsKeptSoThatAStartNeedsNoKeyComputation() throws Exception {
        Path pub = state.resolve(SealKeyStore.PUBLIC_FILE_NAME);
        assertArrayEquals(keys.publicKey(), Files.readAllBytes(pub));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
        // Missing (a state directory from before): computed from the private key and written again.
        Files.delete(pub);
        assertArrayEquals(keys.publicKey(), SealKeyStore.loadOrCreate(state).publicKey());
        assertArrayEquals(keys.publicKey(), Files.readAllBytes(pub));
        // A stored pair opens what was sealed for it.
        SealKeyPair stored = SealKeyStore.loadOrCreate(state);
        String sealed = SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY);
        assertArrayEquals(ENTITY, SealedEntity.open(sealed, stored, SP, "svc"));
    }

    @Test
    void aPublicHalfThatIsNotThePrivateKeysIsFoundAtTheFirstOpen() throws Exception {
        Path pub = state.resolve(SealKeyStore.PUBLIC_FILE_NAME);
        byte[] wrong = SealKeyStore.loadOrCreate(Files.createTempDirectory(state, "other")).publicKey();
        Files.write(pub, wrong);
        SealKeyPair stored = SealKeyStore.loadOrCreate(state);
        assertArrayEquals(wrong, stored.publicKey());
        String sealed = SealedEntity.seal(wrong, SP, "svc", ENTITY);
        String msg = org.junit.jupiter.api.Assertions.assertThrows(org.spawnpoint.spawnclient.model.ConfigException.class,
                () -> SealedEntity.open(sealed, stored, SP, "svc")).getMessage();
        assertTrue(msg.contains("seal key files do not match"), msg);
        // A private key put in place after the public half was written: the public half is computed again.
        Files.setLastModifiedTime(pub, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(state.resolve(SealKeyStore.FILE_NAME)).toMillis() - 60_000));
        assertArrayEquals(keys.publicKey(), SealKeyStore.loadOrCreate(state).publicKey());
    }
}
