package io.ipfskit.codec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.codec.dagpb.PbNode;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkWalkersTest {

    private static final Cid LEAF = Cid.v1(Multicodec.RAW, Multihash.sha256("leaf".getBytes(StandardCharsets.UTF_8)));
    private static final Cid NODE = Cid.v0(Multihash.sha256("node".getBytes(StandardCharsets.UTF_8)));

    @Test
    void dagPbReportsEveryLinkInOrder() throws IOException {
        byte[] block = DagPb.encode(new PbNode(List.of(new PbLink(LEAF, "a", 4), new PbLink(NODE, "b", 9)), null));
        assertEquals(List.of(LEAF, NODE), links(new DagPbLinks(), block));
    }

    @Test
    void rawHasNoLinks() throws IOException {
        assertEquals(List.of(), links(new RawLinks(), new byte[] {1, 2, 3}));
    }

    /** {"a": 42(h'00' LEAF), "b": [1, {"c": 42(h'00' NODE)}]}, written byte by byte from RFC 8949 and the dag-cbor spec. */
    @Test
    void dagCborReportsTag42ByteStrings() throws IOException {
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.writeBytes(hex("a2" + "6161"));
        cbor.writeBytes(tag42(LEAF));
        cbor.writeBytes(hex("6162" + "82" + "01" + "a1" + "6163"));
        cbor.writeBytes(tag42(NODE));
        assertEquals(List.of(LEAF, NODE), links(new DagCborLinks(), cbor.toByteArray()));
    }

    @Test
    void dagCborWithoutLinksHasNone() throws IOException {
        assertEquals(List.of(), links(new DagCborLinks(), hex("a1616101")));
    }

    @Test
    void dagCborRejectsTag42OnText() {
        assertThrows(IOException.class, () -> links(new DagCborLinks(), hex("d82a6161")));
    }

    @Test
    void dagCborRejectsALinkWithoutTheIdentityPrefix() {
        byte[] cid = LEAF.bytes();
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.writeBytes(hex("d82a58" + String.format("%02x", cid.length)));
        cbor.writeBytes(cid);
        assertThrows(IOException.class, () -> links(new DagCborLinks(), cbor.toByteArray()));
    }

    @Test
    void dagCborRejectsTruncatedAndTrailingBytes() {
        assertThrows(IOException.class, () -> links(new DagCborLinks(), hex("a26161")));
        assertThrows(IOException.class, () -> links(new DagCborLinks(), hex("a161610101")));
        assertThrows(IOException.class, () -> links(new DagCborLinks(), new byte[0]));
    }

    @Test
    void dagJsonReportsSlashMapsInDocumentOrder() throws IOException {
        String json = "{\"a\":{\"/\":\"" + LEAF + "\"},\"b\":[1,{\"/\":{\"bytes\":\"AAE\"}},{\"/\":\"" + NODE + "\"}]}";
        assertEquals(List.of(LEAF, NODE), links(new DagJsonLinks(), json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dagJsonRejectsABadLinkAndMalformedJson() {
        assertThrows(IOException.class, () -> links(new DagJsonLinks(), "{\"/\":\"notacid\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> links(new DagJsonLinks(), "{\"a\":".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachWalkerNamesItsCodec() {
        assertEquals(Multicodec.DAG_PB, new DagPbLinks().codec());
        assertEquals(Multicodec.RAW, new RawLinks().codec());
        assertEquals(Multicodec.DAG_CBOR, new DagCborLinks().codec());
        assertEquals(Multicodec.DAG_JSON, new DagJsonLinks().codec());
    }

    private static byte[] tag42(Cid cid) {
        byte[] bytes = cid.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex("d82a58" + String.format("%02x", bytes.length + 1) + "00"));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    private static List<Cid> links(LinkWalker walker, byte[] block) throws IOException {
        List<Cid> found = new ArrayList<>();
        walker.links(block, found::add);
        return found;
    }
}
