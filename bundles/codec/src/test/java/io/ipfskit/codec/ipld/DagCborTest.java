package io.ipfskit.codec.ipld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagCborTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String text) {
        return HEX.parseHex(text);
    }

    @Test
    void integersAndLengthsTakeTheFewestBytes() {
        assertEquals("17", HEX.formatHex(DagCbor.encode(23L)));
        assertEquals("1818", HEX.formatHex(DagCbor.encode(24L)));
        assertEquals("1903e8", HEX.formatHex(DagCbor.encode(1000L)));
        assertEquals("1a000f4240", HEX.formatHex(DagCbor.encode(1_000_000L)));
        assertEquals("1b000000e8d4a51000", HEX.formatHex(DagCbor.encode(1_000_000_000_000L)));
        assertEquals("20", HEX.formatHex(DagCbor.encode(-1L)));
        assertEquals("3863", HEX.formatHex(DagCbor.encode(-100L)));
        assertEquals("1bffffffffffffffff", HEX.formatHex(DagCbor.encode(new BigInteger("18446744073709551615"))));
        assertEquals("3bffffffffffffffff", HEX.formatHex(DagCbor.encode(new BigInteger("-18446744073709551616"))));
        assertThrows(IllegalArgumentException.class, () -> DagCbor.encode(new BigInteger("18446744073709551616")));
        assertEquals("6161", HEX.formatHex(DagCbor.encode("a")));
        assertEquals("43010203", HEX.formatHex(DagCbor.encode(new byte[] {1, 2, 3})));
    }

    @Test
    void floatsAreAlways64BitAndFiniteOnly() {
        assertEquals("fb3ff8000000000000", HEX.formatHex(DagCbor.encode(1.5)));
        assertThrows(IllegalArgumentException.class, () -> DagCbor.encode(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DagCbor.encode(Double.POSITIVE_INFINITY));
    }

    @Test
    void mapKeysSortLengthFirstThenBytewise() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("bb", 1L);
        map.put("a", 2L);
        map.put("aa", 3L);
        map.put("b", 4L);
        // {"a": 2, "b": 4, "aa": 3, "bb": 1}
        assertEquals("a4" + "616102" + "616204" + "62616103" + "62626201", HEX.formatHex(DagCbor.encode(map)));
    }

    @Test
    void linksAreTag42OverTheIdentityPrefixAndTheBinaryCid() throws IOException {
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256("x".getBytes(StandardCharsets.UTF_8)));
        byte[] encoded = DagCbor.encode(cid);
        assertEquals("d82a58" + String.format("%02x", cid.bytes().length + 1) + "00" + HEX.formatHex(cid.bytes()),
                HEX.formatHex(encoded));
        assertEquals(cid, DagCbor.decode(encoded));
    }

    @Test
    void everyKindRoundTrips() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", List.of(1L, -2L, "three", 4.25, true, false, Arrays.asList((Object) null)));
        value.put("bytes", new byte[] {0, (byte) 255});
        value.put("nested", Map.of("é€𝄞", Map.of()));
        value.put("big", new BigInteger("18446744073709551615"));
        byte[] encoded = DagCbor.encode(value);
        Object decoded = DagCbor.decode(encoded);
        assertArrayEquals(encoded, DagCbor.encode(decoded));
        assertArrayEquals(new byte[] {0, (byte) 255}, (byte[]) ((Map<?, ?>) decoded).get("bytes"));
        assertEquals(new BigInteger("18446744073709551615"), ((Map<?, ?>) decoded).get("big"));
    }

    @Test
    void decodingAcceptsTheSpecsRelaxations() throws IOException {
        assertEquals(1L, DagCbor.decode(hex("1801")), "a non-minimal integer");
        assertEquals(1.5, DagCbor.decode(hex("f93e00")), "a 16-bit float");
        assertEquals(1.5, DagCbor.decode(hex("fa3fc00000")), "a 32-bit float");
        assertEquals(Map.of("b", 1L, "a", 2L), DagCbor.decode(hex("a2616201616102")), "unsorted keys");
    }

    @Test
    void decodingRefusesWhatTheDataModelCannotHold() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("", "empty");
        refused.put("0101", "bytes after the item");
        refused.put("a10101", "an integer key");
        refused.put("a2616101616102", "a duplicate key");
        refused.put("c11a514b67b0", "tag 1 (a date)");
        refused.put("d82a4101", "a link without the 0x00 prefix");
        refused.put("d82a6161", "tag 42 on a string");
        refused.put("f7", "undefined");
        refused.put("f0", "simple value 16");
        refused.put("f97e00", "NaN");
        refused.put("fa7f800000", "Infinity");
        refused.put("9f01ff", "an indefinite-length list");
        refused.put("5f4101ff", "an indefinite-length byte string");
        refused.put("1c", "reserved additional information");
        refused.put("62ffff", "a string that is not UTF-8");
        refused.put("9a7fffffff", "a list longer than the block");
        refused.put("5a7fffffff", "bytes longer than the block");
        refused.put("1a0001", "a truncated integer");
        refused.forEach((bytes, what) -> assertThrows(IOException.class, () -> DagCbor.decode(hex(bytes)), what));
    }

    @Test
    void nestingIsBounded() {
        byte[] deep = new byte[DagCbor.MAX_DEPTH + 2];
        Arrays.fill(deep, (byte) 0x81);
        deep[deep.length - 1] = 0x01;
        IOException e = assertThrows(IOException.class, () -> DagCbor.decode(deep));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }
}
