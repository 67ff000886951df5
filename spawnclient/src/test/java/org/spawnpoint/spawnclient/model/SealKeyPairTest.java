package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** The seal key pair's public half is X25519(k, 9), computed with the JDK, as BouncyCastle and RFC 7748 compute it. */
class SealKeyPairTest {
    @Test
    void theRfc7748TestVector() {
        // RFC 7748 section 6.1: Alice's private and public keys.
        HexFormat hex = HexFormat.of();
        SealKeyPair alice = SealKeyPair.fromPrivateKey(
                hex.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertArrayEquals(hex.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
                alice.publicKey());
    }

    @Test
    void theSamePublicKeyAsBouncyCastleForRandomKeys() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            byte[] sk = new byte[SealKeyPair.KEY_BYTES];
            random.nextBytes(sk);
            assertArrayEquals(new X25519PrivateKeyParameters(sk, 0).generatePublicKey().getEncoded(),
                    SealKeyPair.fromPrivateKey(sk).publicKey());
        }
        SealKeyPair fresh = SealKeyPair.generate();
        assertArrayEquals(new X25519PrivateKeyParameters(fresh.privateKey(), 0).generatePublicKey().getEncoded(),
                fresh.publicKey());
    }

    @Test
    void aStoredPairIsCheckedOnce() {
        SealKeyPair real = SealKeyPair.generate();
        SealKeyPair stored = SealKeyPair.fromStored(real.privateKey(), real.publicKey());
        assertSame(stored, stored.checked());
        SealKeyPair wrong = SealKeyPair.fromStored(real.privateKey(), SealKeyPair.generate().publicKey());
        assertThrows(IllegalStateException.class, wrong::checked);
        assertThrows(IllegalArgumentException.class, () -> SealKeyPair.fromStored(new byte[31], real.publicKey()));
    }
}
