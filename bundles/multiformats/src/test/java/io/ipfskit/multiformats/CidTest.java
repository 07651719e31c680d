package io.ipfskit.multiformats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidTest {

    private static final String V0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    private static final String V1 = "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby";
    /** The raw CID of "hello world\n", checked against Node's sha256. */
    private static final String HELLO_RAW = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    @Test
    void v0AndV1OfTheSameContent() {
        Cid v0 = Cid.parse(V0);
        assertEquals(0, v0.version());
        assertEquals(Multicodec.DAG_PB, v0.codec());
        assertEquals(V0, v0.toString());
        assertEquals(34, v0.bytes().length);
        Cid v1 = v0.toV1();
        assertEquals(V1, v1.toString());
        assertEquals(v1, Cid.parse(V1));
        assertEquals(v0, v1.toV0());
        assertNotEquals(v0, v1);
        assertEquals(v0.multihash(), v1.multihash());
        assertSame(v1, v1.toV1());
        assertSame(v0, v0.toV0());
        assertEquals(v0, Cid.decode(v0.bytes()));
        assertEquals(v1, Cid.decode(v1.bytes()));
    }

    @Test
    void rawCidOfHelloWorldVerifiesItsBlock() {
        byte[] block = "hello world\n".getBytes(UTF_8);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
        assertEquals(HELLO_RAW, cid.toString());
        assertEquals(cid, Cid.parse(HELLO_RAW));
        assertTrue(cid.verify(block));
        assertFalse(cid.verify("hello world".getBytes(UTF_8)));
        assertThrows(IllegalStateException.class, cid::toV0);
    }

    @Test
    void everyMultibaseRoundTrips() {
        Cid cid = Cid.parse(HELLO_RAW);
        for (Multibase base : Multibase.values()) {
            String text = cid.toString(base);
            assertEquals(base.prefix(), text.charAt(0));
            assertEquals(cid, Cid.parse(text));
        }
        assertThrows(IllegalStateException.class, () -> Cid.parse(V0).toString(Multibase.BASE32));
    }

    @Test
    void readAdvancesPastOneCid() {
        Cid v0 = Cid.parse(V0);
        Cid v1 = Cid.parse(HELLO_RAW);
        ByteBuffer buffer = ByteBuffer.allocate(100);
        buffer.put(v0.bytes()).put(v1.bytes()).put((byte) 7).flip();
        assertEquals(v0, Cid.read(buffer));
        assertEquals(v1, Cid.read(buffer));
        assertEquals(1, buffer.remaining());
    }

    @Test
    void ordersByBinaryForm() {
        Cid v0 = Cid.parse(V0);
        Cid v1 = v0.toV1();
        assertTrue(v1.compareTo(v0) < 0);
        assertEquals(0, v0.compareTo(Cid.parse(V0)));
    }

    @Test
    void constructorsCheckTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> Cid.v0(Multihash.identity(new byte[3])));
        assertThrows(IllegalArgumentException.class, () -> Cid.v1(-1, Multihash.identity(new byte[3])));
        Cid identity = Cid.v1(Multicodec.RAW, Multihash.identity("hi".getBytes(UTF_8)));
        assertEquals(identity, Cid.parse(identity.toString()));
        assertEquals(Multicodec.name(Multicodec.RAW), Multicodec.name(identity.codec()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Qm", V0 + "a", "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff50",
        "zQmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", // v0 inside a multibase
        "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mb", // truncated
        "BAFYBEICG2REBJOOFV4KBYOVKW7AF3RPIITVNL6I7CKCYWAQ6XJCXNC2MBy", // mixed case
        "xafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby", // unknown base
        "bahybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby", // version 3
        "baaaa", "b"})
    void rejectsInvalidText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cid.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "01", "0170", "017012", "02701220", "1220", "12200000", "0070" + "1220",
        "01551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9ff", "8001"})
    void rejectsInvalidBytes(String hex) {
        assertThrows(IllegalArgumentException.class, () -> Cid.decode(HexFormat.of().parseHex(hex)));
    }
}
