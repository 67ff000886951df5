package org.spawnpoint.bosswave.router.internal;

import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/**
 * A message on its way to subscribers or a query: its {@code rslt} frames (bosswave-oob.md §2.4, §7.3) are encoded
 * once with seqno 0 and shared by every recipient, whose writer patches in the seqno.
 */
final class Delivery {
    private final SignedMessage message;
    private final String fromB64;
    private final String uri;
    private final boolean signed;
    private volatile byte[] unpacked;
    private volatile byte[] packed;

    /**
     * @param signed whether unpacked results carry {@code umid} and {@code signature} (signing the message if it is
     *               not yet); they always do when the message is signed already, which costs nothing
     */
    Delivery(SignedMessage message, String originVkB64, String uri, boolean signed) {
        this.message = message;
        this.signed = signed;
        this.fromB64 = originVkB64;
        this.uri = uri;
    }

    SignedMessage message() {
        return message;
    }

    byte[] frame(boolean unpack) {
        if (unpack) {
            byte[] f = unpacked;
            if (f == null) {
                f = FrameCodec.encode(unpackedFrame(0));
                unpacked = f;
            }
            return f;
        }
        byte[] f = packed;
        if (f == null) {
            f = FrameCodec.encode(Frame.builder(Commands.RESULT, 0).kv("finished", false)
                    .po(new PayloadObject(PoNum.PACKED_MESSAGE, message.encodedShared())).build());
            packed = f;
        }
        return f;
    }

    /**
     * kv finished, umid, signature, from, uri; then every RO; then every PO, in message order. Without a signature
     * (router 2.4.15's form), umid and signature are left out.
     */
    private Frame unpackedFrame(long seqNo) {
        Frame.Builder b = Frame.builder(Commands.RESULT, seqNo).kv("finished", false);
        if (signed || message.isSigned()) {
            b.kv("umid", message.umid()).kv("signature", Crypto.b64(message.signature()));
        }
        b.kv("from", fromB64)
                .kv("uri", uri);
        for (RoutingObject ro : message.ros()) {
            b.ro(ro);
        }
        for (PayloadObject po : message.pos()) {
            b.po(po);
        }
        return b.build();
    }
}
