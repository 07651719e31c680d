package io.ipfskit.multiformats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VarintTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "127,7f", "128,8001", "255,ff01", "300,ac02", "16384,808001",
        "9223372036854775807,ffffffffffffffff7f"})
    void encodesAndReadsSpecVectors(long value, String hex) throws IOException {
        byte[] encoded = HEX.parseHex(hex);
        assertArrayEquals(encoded, Varint.encode(value));
        assertEquals(encoded.length, Varint.size(value));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Varint.write(value, out);
        assertArrayEquals(encoded, out.toByteArray());
        ByteBuffer buffer = ByteBuffer.wrap(HEX.parseHex(hex + "aa"));
        assertEquals(value, Varint.read(buffer));
        assertEquals(encoded.length, buffer.position());
        assertEquals(value, Varint.read(new ByteArrayInputStream(encoded)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000", "ff00", "808000", "ffffffffffffffff80", "ffffffffffffffffff01"})
    void rejectsNonMinimalAndOverlongEncodings(String hex) {
        assertThrows(IllegalArgumentException.class, () -> Varint.read(ByteBuffer.wrap(HEX.parseHex(hex))));
        assertThrows(IllegalArgumentException.class, () -> Varint.read(new ByteArrayInputStream(HEX.parseHex(hex))));
    }

    @Test
    void rejectsNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> Varint.encode(-1));
        assertThrows(IllegalArgumentException.class, () -> Varint.size(Long.MIN_VALUE));
    }

    @Test
    void bufferTruncationThrows() {
        assertThrows(IllegalArgumentException.class, () -> Varint.read(ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> Varint.read(ByteBuffer.wrap(HEX.parseHex("ff80"))));
    }

    @Test
    void streamSignalsCleanEndAndTruncation() throws IOException {
        assertEquals(-1, Varint.read(new ByteArrayInputStream(new byte[0])));
        assertThrows(EOFException.class, () -> Varint.read(new ByteArrayInputStream(HEX.parseHex("8080"))));
    }
}
