package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bw2 init's entity names become file names: only plain ones, none twice, and nothing is written on a refusal. */
class LocalNamespaceTest {
    @TempDir
    Path dir;

    @Test
    void namesThatAreNotPlainFileNamesAreRefusedBeforeAnythingIsWritten() {
        for (String bad : List.of("../escape", "a/b", "", "namespace", ".hidden", "x".repeat(65))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalNamespace.create(
                    dir.resolve("data"), dir.resolve("keys"), "t.ns", List.of(bad), "PC*L", 1, null));
            assertTrue(e.getMessage().startsWith("entity name '" + bad + "': expected letters, digits"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalNamespace.create(dir.resolve("data"),
                dir.resolve("keys"), "t.ns", List.of("a", "a"), "PC*L", 1, null)).getMessage().contains("must differ"));
        assertFalse(Files.exists(dir.resolve("keys")), "nothing written");
    }

    @Test
    void eachNamedEntityGetsItsKeyAndGrantAndNothingElseIsMade() throws Exception {
        LocalNamespace ns = LocalNamespace.create(dir.resolve("data"), dir.resolve("keys"), "t.ns",
                List.of("alice", "bob"), "C*", 2, null);
        assertEquals(List.of("alice", "bob"), ns.members().keySet().stream().sorted().toList());
        try (var files = Files.list(dir.resolve("keys"))) {
            assertEquals(List.of("alice.dot", "alice.key", "bob.dot", "bob.key", "namespace.key"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertThrows(IllegalArgumentException.class, () -> ns.member("spawnd"), "no spawnd.key of its own");
    }
}
