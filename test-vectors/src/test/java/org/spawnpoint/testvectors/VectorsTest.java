package org.spawnpoint.testvectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison names the first differing byte; the captures are all there. */
class VectorsTest {

    @Test
    void aDifferenceNamesItsFirstByteIndex() {
        byte[] a = "publ 0000000152 0000000001\n".getBytes();
        byte[] b = a.clone();
        b[12] = '9';
        assertEquals(12, Vectors.firstDifference(a, b));
        AssertionError e = assertThrows(AssertionError.class, () -> Vectors.assertSameBytes(a, b, "frame"));
        assertTrue(e.getMessage().startsWith("frame: bytes differ at index 12: expected 0x31"), e.getMessage());
        byte[] shorter = java.util.Arrays.copyOf(a, 20);
        e = assertThrows(AssertionError.class, () -> Vectors.assertSameBytes(a, shorter, "frame"));
        assertTrue(e.getMessage().contains("lengths differ at index 20"), e.getMessage());
        assertDoesNotThrow(() -> Vectors.assertSameBytes(a, a.clone(), "frame"));
        assertEquals(-1, Vectors.firstDifference(a, a.clone()));
    }

    @Test
    void everyCaptureIsListed() {
        List<String> names = Vectors.names(".bin");
        assertEquals(53, names.size(), names.toString());
        assertTrue(names.contains("setmetadata.bin") && names.contains("service-lastalive.agent.bin"));
        assertEquals(0x32, Vectors.bytes("test-entity.ent")[0] & 255, "a key file begins with 0x32");
        assertThrows(IllegalArgumentException.class, () -> Vectors.bytes("no-such.bin"));
    }
}
