package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a reader holds follows the bytes that arrived, never a declared length; the shared budget bounds the rest. */
class FrameReaderAllocationTest {
    private static final int MIB = 1 << 20;
    private static final FrameLimits BIG = new FrameLimits(64 * MIB + 4096, 100, 64 * MIB, 1024);

    /** Serves {@code bytes}, then records what the reader holds at the moment it waits for more, then ends. */
    private static final class Stalling extends InputStream {
        private final InputStream data;
        FrameReader reader;
        long heldWhileWaiting = -1;

        Stalling(byte[] bytes) {
            data = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 255;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = data.read(b, off, len);
            if (n < 0 && heldWhileWaiting < 0) {
                heldWhileWaiting = reader.heldBytes();
            }
            return n;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDeclared64MiBValueFollowedByOneByteHoldsKilobytes() {
        Stalling in = new Stalling(ascii("publ 0000000000 0000000005\nkv uri 67108864\nx"));
        FrameBudget budget = new FrameBudget(MIB, "maxPendingFrameBytes");
        in.reader = new FrameReader(in, BIG, 8192, budget);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, in.reader::read);
        assertTrue(e.getMessage().contains("stream ended inside a 67108864-byte value"), e.getMessage());
        assertTrue(in.heldWhileWaiting > 0, "the reader waited for the value");
        assertTrue(in.heldWhileWaiting <= 8192 + FrameReader.FREE_BYTES_PER_FRAME,
                "held " + in.heldWhileWaiting + " bytes after one byte of a 64 MiB value");
        assertEquals(0, budget.used(), "nothing is charged to the budget, and nothing is left reserved");
        assertEquals(8192, in.reader.heldBytes(), "after the failed frame only the reader's buffer is held");
    }

    @Test
    void aValueThatArrivesGrowsWithItAndIsExact() throws Exception {
        byte[] value = new byte[3 * MIB + 17];
        Arrays.fill(value, (byte) 'v');
        byte[] head = ascii("publ 0000000000 0000000005\nkv big " + value.length + "\n");
        byte[] tail = ascii("\nend\n");
        FrameBudget budget = new FrameBudget(8 * MIB, "maxPendingFrameBytes");
        InputStream trickle = new SequenceInputStream(new ByteArrayInputStream(head),
                new SequenceInputStream(new ByteArrayInputStream(value), new ByteArrayInputStream(tail))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1000)); // a slow sender: 1000 bytes per read
            }
        };
        FrameReader r = new FrameReader(trickle, BIG, 8192, budget);
        Frame f = r.read();
        assertEquals(value.length, f.kvs().get(0).value().length);
        assertEquals(0, budget.used(), "the reservation is released once the frame is complete");
    }

    @Test
    void theSharedBudgetRefusesAValueThatWouldExceedIt() {
        byte[] value = new byte[2 * MIB];
        byte[] head = ascii("publ 0000000000 0000000005\nkv big " + value.length + "\n");
        FrameBudget budget = new FrameBudget(MIB, "maxPendingFrameBytes");
        assertTrue(budget.tryReserve(MIB / 2), "another connection holds half of it");
        FrameReader r = new FrameReader(new SequenceInputStream(new ByteArrayInputStream(head),
                new ByteArrayInputStream(value)), BIG, 8192, budget);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, r::read);
        assertTrue(e.getMessage().contains("maxPendingFrameBytes"), e.getMessage());
        assertEquals("kv[0].value", e.field());
        assertEquals(5, r.currentSeqNo(), "the seqno is known, so a server can answer on it");
        assertEquals(MIB / 2, budget.used(), "the failed frame gave back what it had taken");
    }

    @Test
    void aHeaderDeclaringMoreThanTheLimitIsRefusedBeforeTheBody() {
        FrameLimits small = new FrameLimits(4096, 100, 4096, 1024);
        FrameReader r = new FrameReader(new ByteArrayInputStream(ascii("publ 0067108900 0000000003\n")), small);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, r::read);
        assertEquals("header.length", e.field());
        assertTrue(e.getMessage().contains("exceeds the limit of 4096"), e.getMessage());
        assertEquals(3, r.currentSeqNo());
    }

    @Test
    void aSeqnoBeyondUint32IsNotOneToAnswerOn() {
        FrameReader r = new FrameReader(new ByteArrayInputStream(ascii("publ 00000000x5 9999999999\nend\n")));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, r::read);
        assertEquals("header.length", e.field());
        assertEquals(-1, r.currentSeqNo());
    }
}
