package io.ipfskit.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base58Test {

    @ParameterizedTest
    @CsvSource({"'',''", "00,1", "0000,11", "61,2g", "626262,a3gV", "636363,aPEr", "00000000000000000000,1111111111",
        "0000287fb4cd,11233QC4", "572e4794,3EFU7m", "10c8511e,Rt5zm",
        "00eb15231dfceb60925886b67d065299925915aeb172c06647,1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"})
    void encodesBitcoinVectors(String hex, String text) {
        byte[] data = HexFormat.of().parseHex(hex);
        assertEquals(text, Base58.encode(data));
        assertArrayEquals(data, Base58.decode(text));
    }

    @Test
    void encodesText() {
        assertEquals("StV1DL6CwTryKyV", Base58.encode("hello world".getBytes(UTF_8)));
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        for (String bad : new String[] {"0", "O", "I", "l", "abc+", "é", "1 1"}) {
            assertThrows(IllegalArgumentException.class, () -> Base58.decode(bad), bad);
        }
    }
}
