package io.ipfskit.codec.dagpb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagPbTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Cid TARGET = Cid.v0(Multihash.sha256(new byte[] {1}));

    @Test
    void encodesLinksBeforeDataAndLinkFieldsInSpecOrder() {
        byte[] encoded = DagPb.encode(new PbNode(List.of(new PbLink(TARGET, "a", 3)), new byte[] {8, 1}));
        String hash = HEX.formatHex(TARGET.bytes());
        assertEquals("12" + "29" + "0a22" + hash + "120161" + "1803" + "0a020801", HEX.formatHex(encoded));
    }

    @Test
    void omitsAbsentFields() {
        assertEquals("", HEX.formatHex(DagPb.encode(new PbNode(List.of(), null))));
        assertEquals("1224" + "0a22" + HEX.formatHex(TARGET.bytes()),
                HEX.formatHex(DagPb.encode(new PbNode(List.of(new PbLink(TARGET, null, -1)), null))));
    }

    @Test
    void decodeInvertsEncode() {
        PbNode node = new PbNode(List.of(new PbLink(TARGET, "", 0), new PbLink(TARGET, "x", 1L << 40)), new byte[0]);
        PbNode decoded = DagPb.decode(DagPb.encode(node));
        assertEquals(node.links(), decoded.links());
        assertArrayEquals(node.data(), decoded.data());
        assertNull(DagPb.decode(new byte[0]).data());
    }

    @Test
    void rejectsDataBeforeLinks() {
        byte[] bad = HEX.parseHex("0a00" + "1224" + "0a22" + HEX.formatHex(TARGET.bytes()));
        assertThrows(IllegalArgumentException.class, () -> DagPb.decode(bad));
        assertThrows(IllegalArgumentException.class, () -> DagPb.links(bad));
    }

    /** The links alone are those of the whole decode, the Data skipped but still bounded by the block. */
    @Test
    void linksAreTheDecodedNodesLinks() {
        PbNode node = new PbNode(List.of(new PbLink(TARGET, "a", 3), new PbLink(TARGET, null, -1)), new byte[100]);
        assertEquals(node.links(), DagPb.links(DagPb.encode(node)));
        assertEquals(List.of(), DagPb.links(DagPb.encode(new PbNode(List.of(), new byte[] {8, 2}))));
    }

    @Test
    void rejectsMalformedInput() {
        String hash = HEX.formatHex(TARGET.bytes());
        for (String bad : List.of(
                "0a05" + "0102",                       // Data longer than the block
                "1a00",                                // unknown field 3
                "0a000a00",                            // Data twice
                "1202" + "1801",                       // link without Hash
                "1228" + "1200" + "0a22" + hash + "",  // Name before Hash (and length mismatch)
                "1226" + "0a22" + hash + "1200" + "00", // trailing garbage inside a link
                "0880",                                // truncated varint key
                "1224" + "0a22" + "1220" + hash.substring(4, 60) + "ffff")) { // invalid CID inside
            assertThrows(IllegalArgumentException.class, () -> DagPb.decode(HEX.parseHex(bad)), bad);
            assertThrows(IllegalArgumentException.class, () -> DagPb.links(HEX.parseHex(bad)), "links of " + bad);
        }
    }

    @Test
    void rejectsNonUtf8Names() {
        byte[] bad = HEX.parseHex("1227" + "0a22" + HEX.formatHex(TARGET.bytes()) + "1201ff");
        assertThrows(IllegalArgumentException.class, () -> DagPb.decode(bad));
    }
}
