package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemAllocAndDurationTest {
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

    @ParameterizedTest
    @CsvSource({"30s,30000", "5m,300000", "1h30m,5400000", "1.5h,5400000", "250ms,250", "0,0", "2m0s,120000",
            "1m30.5s,90500", "+1s,1000"})
    void parsesGoDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), GoDuration.parse(text));
    }

    @Test
    void parsesSmallUnits() {
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1.5us"));
        assertEquals(Duration.ofNanos(7), GoDuration.parse("7ns"));
        assertEquals(Duration.ofNanos(2000), GoDuration.parse("2µs"));
        assertEquals(Duration.ofSeconds(-3), GoDuration.parse("-3s"));
    }

    @ParameterizedTest
    @CsvSource({"''", "s", "1", "1.2.3s", "5d", ".s", "-"})
    void rejectsBadDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }

    /** Go's Duration.String(), the examples of spawnpoint-0.2.md §5.2 among them. */
    @ParameterizedTest
    @CsvSource({"830000000,830ms", "4470000000,4.47s", "120000000000,2m0s", "682236420000000,189h30m36.42s", "0,0s",
            "-1500000000,-1.5s", "1,1ns", "1500,1.5µs", "3600000000000,1h0m0s", "61000000000,1m1s"})
    void formatsLikeGo(long nanos, String text) {
        assertEquals(text, GoDuration.format(Duration.ofNanos(nanos)));
    }
}
