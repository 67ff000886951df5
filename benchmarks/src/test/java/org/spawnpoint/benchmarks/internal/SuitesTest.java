package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuitesTest {
    @Test
    void allSuitesWhenNoneIsNamedAndOnlyKnownOnes() {
        assertEquals(List.of("router", "startup", "deploy", "drills"), List.copyOf(Suites.select(List.of())));
        assertEquals(List.of("router", "drills"), List.copyOf(Suites.select(List.of("router", " drills"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Suites.select(List.of("routr")));
        assertTrue(e.getMessage().contains("--only routr: expected some of [router, startup, deploy, drills, cluster]"),
                e.getMessage());
    }
}
