package io.ipfskit.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultihashTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HELLO = "hello world".getBytes(UTF_8);

    @Test
    void sha256OfHelloWorld() {
        Multihash multihash = Multihash.sha256(HELLO);
        assertEquals("1220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", multihash.toString());
        assertEquals(Multicodec.SHA2_256, multihash.code());
        assertArrayEquals(HEX.parseHex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"), multihash.digest());
        assertTrue(multihash.matches(HELLO));
        assertFalse(multihash.matches("hello world!".getBytes(UTF_8)));
        assertEquals(multihash, Multihash.decode(multihash.bytes()));
    }

    @Test
    void identityCarriesTheData() {
        Multihash multihash = Multihash.identity("abc".getBytes(UTF_8));
        assertEquals("0003616263", multihash.toString());
        assertTrue(multihash.matches("abc".getBytes(UTF_8)));
        assertFalse(multihash.matches("abd".getBytes(UTF_8)));
        assertFalse(multihash.matches(new byte[1000]));
        assertThrows(IllegalArgumentException.class, () -> Multihash.identity(new byte[Multihash.MAX_DIGEST_LENGTH + 1]));
    }

    @Test
    void sha512AndBlake2b256() {
        Multihash sha512 = Multihash.compute(Multicodec.SHA2_512, HELLO);
        assertEquals("1340309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cf"
            + "d830e81f605dcf7dc5542e93ae9cd76f", sha512.toString());
        Multihash blake = Multihash.compute(Multicodec.BLAKE2B_256, "abc".getBytes(UTF_8));
        assertEquals("a0e40220bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", blake.toString());
        assertTrue(blake.matches("abc".getBytes(UTF_8)));
    }

    @Test
    void blake2bMatchesRfc7693AndReferenceVectors() {
        // RFC 7693 appendix A: BLAKE2b-512("abc")
        assertEquals("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95"
            + "18d38aa8dbf1925ab92386edd4009923", HEX.formatHex(Blake2b.hash("abc".getBytes(UTF_8), 64)));
        assertEquals("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8", HEX.formatHex(Blake2b.hash(new byte[0], 32)));
        assertEquals("c3582f71ebb2be66fa5dd750f80baae97554f3b015663c8be377cfcb2488c1d1", HEX.formatHex(Blake2b.hash(pattern(128, 256), 32)));
        assertEquals("f7f3c46ba2564ff4c4c162da1f5b605f9f1c4aa6a20652a9f9a337c1a2f5b9c9", HEX.formatHex(Blake2b.hash(pattern(129, 251), 32)));
        assertEquals("b372d0608f720c8c3dd41e9c8eecb10143b41abe520b616607e754bf79c08331", HEX.formatHex(Blake2b.hash(pattern(1000, 251), 32)));
    }

    private static byte[] pattern(int length, int modulus) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i % modulus);
        }
        return data;
    }

    @Test
    void unknownFunctionsDecodeButCannotBeRecomputed() {
        Multihash multihash = Multihash.decode(HEX.parseHex("1b03010203"));
        assertEquals(0x1b, multihash.code());
        assertThrows(UnsupportedOperationException.class, () -> multihash.matches(HELLO));
        assertThrows(UnsupportedOperationException.class, () -> Multihash.compute(0x1b, HELLO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12", "1220", "1220b94d", "12210000000000000000000000000000000000000000000000000000000000000000",
        "121f00000000000000000000000000000000000000000000000000000000000000", "00ff01", "000300010203", "0080",
        "00810100", "ffffffffffffffffff7f00"})
    void rejectsMalformedBytes(String hex) {
        assertThrows(IllegalArgumentException.class, () -> Multihash.decode(HEX.parseHex(hex)));
    }

    @Test
    void readAdvancesPastOneMultihash() {
        ByteBuffer buffer = ByteBuffer.wrap(HEX.parseHex("00026869ff"));
        assertEquals(Multihash.identity("hi".getBytes(UTF_8)), Multihash.read(buffer));
        assertEquals(4, buffer.position());
    }

    @ParameterizedTest
    @CsvSource({"18,31", "18,33", "19,32", "45600,31"})
    void rejectsWrongDigestLengthsForKnownFunctions(int code, int length) {
        assertThrows(IllegalArgumentException.class, () -> Multihash.of(code, new byte[length]));
    }

    @Test
    void valueSemanticsAndDefensiveCopies() {
        byte[] digest = new byte[32];
        Multihash multihash = Multihash.of(Multicodec.SHA2_256, digest);
        digest[0] = 1;
        multihash.digest()[1] = 1;
        multihash.bytes()[2] = 1;
        assertEquals(Multihash.of(Multicodec.SHA2_256, new byte[32]), multihash);
        assertEquals(Multihash.of(Multicodec.SHA2_256, new byte[32]).hashCode(), multihash.hashCode());
        assertNotEquals(Multihash.of(Multicodec.SHA2_256, digest), multihash);
    }
}
