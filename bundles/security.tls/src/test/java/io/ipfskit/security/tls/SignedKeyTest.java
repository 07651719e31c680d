package io.ipfskit.security.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The extension value round-trips and anything but a DER sequence of two octet strings is refused. */
class SignedKeyTest {

    @Test
    void roundTrips() throws TlsPeerException {
        SignedKey key = new SignedKey(new byte[] {8, 1, 18, 0}, new byte[] {7, 7});
        SignedKey read = SignedKey.decode(key.encode());
        assertArrayEquals(key.publicKey(), read.publicKey());
        assertArrayEquals(key.signature(), read.signature());
    }

    @Test
    void refusesOtherShapes() {
        byte[] good = new SignedKey(new byte[] {1}, new byte[] {2}).encode();
        assertRefused(new byte[0], "empty");
        assertRefused(new byte[] {0x30, 0x03, 0x04, 0x01, 0x01}, "one string");
        assertRefused(new byte[] {0x30, 0x06, 0x04, 0x01, 0x01, 0x02, 0x01, 0x02}, "an integer where the signature goes");
        assertRefused(Arrays.copyOf(good, good.length + 1), "trailing bytes");
        assertRefused(new byte[] {0x30, (byte) 0x81, 0x06, 0x04, 0x01, 0x01, 0x04, 0x01, 0x02}, "a long-form length");
        assertRefused(new byte[SignedKey.MAX_ENCODED + 1], "too large");
    }

    private static void assertRefused(byte[] der, String what) {
        assertThrows(TlsPeerException.class, () -> SignedKey.decode(der), what);
    }
}
