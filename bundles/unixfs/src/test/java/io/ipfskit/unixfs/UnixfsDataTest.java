package io.ipfskit.unixfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnixfsDataTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesAsKubo() {
        assertEquals("08021800", HEX.formatHex(UnixfsData.file(null, 0, List.of()).encode()));
        assertEquals("0801", HEX.formatHex(UnixfsData.directory().encode()));
        assertEquals("0802180a20032007", HEX.formatHex(UnixfsData.file(null, 10, List.of(3L, 7L)).encode()));
    }

    @Test
    void decodeInvertsEncodeAndAcceptsPackedSizes() {
        UnixfsData file = UnixfsData.file(new byte[] {1, 2}, 2, List.of());
        UnixfsData decoded = UnixfsData.decode(file.encode());
        assertEquals(UnixfsData.Type.FILE, decoded.type());
        assertArrayEquals(new byte[] {1, 2}, decoded.data());
        assertEquals(2, decoded.filesize());
        assertEquals(List.of(3L, 7L), UnixfsData.decode(HEX.parseHex("080222020307")).blocksizes());
    }

    @Test
    void rejectsMissingOrUnknownType() {
        assertThrows(IllegalArgumentException.class, () -> UnixfsData.decode(HEX.parseHex("1800")));
        assertThrows(IllegalArgumentException.class, () -> UnixfsData.decode(HEX.parseHex("0809")));
        assertThrows(IllegalArgumentException.class, () -> UnixfsData.decode(HEX.parseHex("08021205")));
    }
}
