package io.ipfskit.codec.ipld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagJsonTest {

    private static final String CID_V0 = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
    private static final String CID_V1 = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";

    private static String json(Object value) {
        return new String(DagJson.encode(value), StandardCharsets.UTF_8);
    }

    private static Object read(String text) throws IOException {
        return DagJson.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keysSortByUtf8BytesWithoutWhitespace() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1L);
        map.put("aa", List.of());
        map.put("\uFFFD", 2L);
        map.put("𝄞", 3L);
        map.put("a", Map.of());
        // UTF-16 order would put U+FFFD after the surrogate pair of U+1D11E; UTF-8 puts it before
        assertEquals("{\"a\":{},\"aa\":[],\"b\":1,\"\uFFFD\":2,\"𝄞\":3}", json(map));
    }

    @Test
    void linksAndBytesUseTheSlashForms() throws IOException {
        assertEquals("{\"/\":\"" + CID_V0 + "\"}", json(Cid.parse(CID_V0)));
        assertEquals("{\"/\":\"" + CID_V1 + "\"}", json(Cid.parse(CID_V1)));
        assertEquals("{\"/\":{\"bytes\":\"AAH/\"}}", json(new byte[] {0, 1, (byte) 255}));
        assertEquals(Cid.parse(CID_V1), read("{\"/\":\"" + CID_V1 + "\"}"));
        assertArrayEquals(new byte[] {0, 1, (byte) 255}, (byte[]) read("{\"/\":{\"bytes\":\"AAH/\"}}"));
        assertEquals(Map.of("/", "x", "y", 1L), read("{\"/\":\"x\",\"y\":1}"), "a slash among other keys is a map");
    }

    @Test
    void numbersKeepTheirKind() throws IOException {
        assertEquals(1L, read("1"));
        assertEquals(new BigInteger("18446744073709551616"), read("18446744073709551616"));
        assertEquals(1.0, read("1.0"));
        assertEquals(1.0e21, read("1e21"));
        assertEquals("1.0", json(1.0));
        assertEquals("1.5", json(1.5));
        assertEquals("-0.000001", json(-1e-6));
        assertEquals("1e-7", json(1e-7));
        assertEquals("1.2345e+21", json(1.2345e21));
        assertEquals("100000000000000000000.0", json(1e20));
        assertEquals("0.1", json(0.1));
        assertEquals("-0.0", json(-0.0), "negative zero keeps its sign (found by DagCborFuzzTest)");
        assertThrows(IllegalArgumentException.class, () -> json(Double.NaN));
    }

    @Test
    void stringsEscapeAsJsonStringifyDoes() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u001fé\"", json("a\"b\\c\n\t\u0001\u001fé"));
    }

    @Test
    void theSameDataGivesTheSameBytesInEitherCodec() throws IOException {
        String text = "{\"a\":[1,-2,1.5,\"x\",null,true],\"b\":{\"/\":{\"bytes\":\"AQID\"}},\"c\":{\"/\":\"" + CID_V1 + "\"}}";
        Object value = read(text);
        assertEquals(text, json(DagCbor.decode(DagCbor.encode(value))));
    }

    @Test
    void badInputIsRefused() {
        for (String bad : List.of("", "{\"a\":1,\"a\":2}", "{} {}", "{\"/\":\"not a cid\"}",
                "{\"/\":{\"bytes\":\"!!\"}}", "[1,", "{\"a\":NaN}")) {
            assertThrows(IOException.class, () -> read(bad), bad);
        }
    }
}
