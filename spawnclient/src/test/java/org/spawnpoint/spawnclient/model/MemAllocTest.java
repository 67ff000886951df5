package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemAllocTest {
    @ParameterizedTest
    @CsvSource({"512M,512", "512m,512", "4G,4096", "1g,1024", "0x10M,16", "010G,8192", "0M,0"})
    void memAlloc(String text, long mib) {
        assertEquals(mib, MemAlloc.parseMiB(text));
    }

    @Test
    void memAllocErrors() {
        assertEquals("expected a memory size such as 512M or 4G, got nothing",
                assertThrows(IllegalArgumentException.class, () -> MemAlloc.parseMiB("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemAlloc.parseMiB("08M"));
        assertThrows(IllegalArgumentException.class, () -> MemAlloc.parseMiB("0xM"));
        assertEquals("4G", MemAlloc.format(4096));
        assertEquals("512M", MemAlloc.format(512));
    }
}
