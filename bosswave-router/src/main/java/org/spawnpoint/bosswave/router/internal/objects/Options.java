package org.spawnpoint.bosswave.router.internal.objects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The option list shared by entities, DOTs and revocations: {@code [type:1][len:1][value]} up to a 0x00 byte. */
final class Options {
    static final int PUBLISH_LIMITS = 0x01;
    static final int CREATED = 0x02;
    static final int EXPIRY = 0x03;
    static final int REVOKER = 0x04;
    static final int CONTACT = 0x05;
    static final int COMMENT = 0x06;

    Long created;
    Long expiry;
    final List<byte[]> revokers = new ArrayList<>();
    String contact;
    String comment;

    static Options read(ByteCursor c, String what) throws ObjectFormatException {
        Options o = new Options();
        while (true) {
            int type = c.u8(what + " option type");
            if (type == 0) {
                return o;
            }
            int len = c.u8(what + " option length");
            byte[] v = c.bytes(len, what + " option 0x" + Integer.toHexString(type));
            switch (type) {
                case CREATED -> o.created = timestamp(v, what + " created");
                case EXPIRY -> o.expiry = timestamp(v, what + " expiry");
                case REVOKER -> {
                    if (v.length != 32) {
                        throw new ObjectFormatException(what + " revoker: expected 32 bytes, got " + v.length);
                    }
                    o.revokers.add(v);
                }
                case CONTACT -> o.contact = new String(v, StandardCharsets.UTF_8);
                case COMMENT -> o.comment = new String(v, StandardCharsets.UTF_8);
                default -> {
                    // unknown options (and DOT publish limits) are skipped, as the spec asks
                }
            }
        }
    }

    private static long timestamp(byte[] v, String field) throws ObjectFormatException {
        if (v.length != 8) {
            throw new ObjectFormatException(field + ": expected 8 bytes, got " + v.length);
        }
        return Bytes.getI64(v, 0);
    }

    /** Writes the options in the order bw2 writers use (02, 03, 04…, 05, 06) and the 0x00 terminator. */
    void write(Bytes.Out out) {
        if (created != null) {
            out.u8(CREATED).u8(8).i64(created);
        }
        if (expiry != null) {
            out.u8(EXPIRY).u8(8).i64(expiry);
        }
        for (byte[] r : revokers) {
            out.u8(REVOKER).u8(32).raw(r);
        }
        text(out, CONTACT, contact);
        text(out, COMMENT, comment);
        out.u8(0);
    }

    private static void text(Bytes.Out out, int type, String s) {
        if (s == null) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
            throw new IllegalArgumentException("option text longer than 255 bytes: '" + s.substring(0, 20) + "...'");
        }
        out.u8(type).u8(b.length).raw(b);
    }
}
