package io.ipfskit.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors of the multibase spec's test suite ("yes mani !", leading zeros). */
class MultibaseTest {

    @ParameterizedTest
    @CsvSource({
        "BASE16, f796573206d616e692021", "BASE16UPPER, F796573206D616E692021",
        "BASE32, bpfsxgidnmfxgsibb", "BASE32UPPER, BPFSXGIDNMFXGSIBB", "BASE36, k2lcpzo5yikidynfl",
        "BASE58BTC, z7paNL19xttacUY", "BASE64, meWVzIG1hbmkgIQ", "BASE64URL, ueWVzIG1hbmkgIQ",
        "BASE64PAD, MeWVzIG1hbmkgIQ==", "BASE64URLPAD, UeWVzIG1hbmkgIQ=="})
    void encodesAndDecodesSpecVectors(Multibase base, String text) {
        byte[] data = "yes mani !".getBytes(UTF_8);
        assertEquals(text, base.encode(data));
        assertArrayEquals(data, Multibase.decode(text));
        assertEquals(base, Multibase.of(text.charAt(0)));
    }

    @ParameterizedTest
    @CsvSource({"BASE36, k002lcpzo5yikidynfl", "BASE58BTC, z117paNL19xttacUY", "BASE16, f0000796573206d616e692021"})
    void keepsLeadingZeros(Multibase base, String text) {
        byte[] data = "\0\0yes mani !".getBytes(UTF_8);
        assertEquals(text, base.encode(data));
        assertArrayEquals(data, Multibase.decode(text));
    }

    @Test
    void base32AcceptsZeroTrailingBits() {
        assertArrayEquals(new byte[] {0x61}, Multibase.decode("bme"));
    }

    @Test
    void encodesEmptyInput() {
        for (Multibase base : Multibase.values()) {
            assertEquals(String.valueOf(base.prefix()), base.encode(new byte[0]));
            assertArrayEquals(new byte[0], Multibase.decode(String.valueOf(base.prefix())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "f7", "fZZ", "F796573206d616e692021", "f796573206D616E692021", "BPFSXGIDNMFXGSIBb",
        "bpfsxgidnmfxgsibB", "bpfsxgidnmfxgsibb=", "bmf", "bp", "b1", "K2LCPZO5YIKIDYNFL", "k2lcpzo5yikidynfL",
        "z0", "zO", "meWVzIG1hbmkgIQ==", "MeWVzIG1hbmkgIQ", "meWVzIG1hbmkgIR", "ueWVz+G1hbmkgIQ", "meWVz_G1hbmkgIQ", "m\u00e9",
        "9abc"})
    void rejectsNonCanonicalOrInvalidText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Multibase.decode(text));
    }
}
