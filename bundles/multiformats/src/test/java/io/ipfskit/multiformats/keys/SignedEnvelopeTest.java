package io.ipfskit.multiformats.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sealing and opening; an envelope js-libp2p sealed is opened in protocol.identify's IdentifyTest. */
class SignedEnvelopeTest {

    private static final String DOMAIN = "libp2p-peer-record";
    private static final byte[] PEER_RECORD = {0x03, 0x01};

    @Test
    void sealsWhatOpensAndRefusesTamperingAnotherDomainOrType() {
        PrivateKey key = PrivateKey.generateEd25519();
        byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);
        byte[] envelope = SignedEnvelope.seal(key.publicKey(), key::sign, DOMAIN, PEER_RECORD, payload);
        SignedEnvelope opened = SignedEnvelope.open(envelope, DOMAIN, PEER_RECORD);
        assertArrayEquals(payload, opened.payload());
        assertArrayEquals(key.publicKey().marshal(), opened.signer().marshal());

        assertThrows(IllegalArgumentException.class, () -> SignedEnvelope.open(envelope, "libp2p-relay-rsvp", PEER_RECORD),
                "signed for another domain");
        assertThrows(IllegalArgumentException.class, () -> SignedEnvelope.open(envelope, DOMAIN, new byte[] {3, 2}));
        byte[] tampered = envelope.clone();
        int at = indexOf(tampered, payload);
        tampered[at] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> SignedEnvelope.open(tampered, DOMAIN, PEER_RECORD));
        assertThrows(IllegalArgumentException.class, () -> SignedEnvelope.open(Arrays.copyOf(envelope, envelope.length - 3),
                DOMAIN, PEER_RECORD), "truncated");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
