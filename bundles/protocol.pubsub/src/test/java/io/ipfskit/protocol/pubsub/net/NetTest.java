package io.ipfskit.protocol.pubsub.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Varint;
import io.ipfskit.protocol.pubsub.wire.Rpc;
import io.ipfskit.protocol.pubsub.wire.RpcCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound queue's bound and batching, and the inbound reader's framing, decoding and refusal of bad frames. */
class NetTest {

    private static final byte[] FRAME = RpcCodec.frame(new Rpc(List.of(new Rpc.Subscription(true, "t")), List.of(),
            Rpc.Control.EMPTY));

    @Test
    void aPeerLinkRefusesFramesBeyondItsBoundAndBatchesWhatWaited() {
        FakeStream stream = new FakeStream();
        PeerLink link = new PeerLink(stream, 3, 1 << 20);
        assertTrue(link.offer(FRAME), "the first goes out at once");
        assertTrue(link.offer(FRAME));
        assertTrue(link.offer(FRAME));
        assertTrue(link.offer(FRAME));
        assertFalse(link.offer(FRAME), "three wait while the first is written: the fourth waiting one is refused");
        stream.completeOne();
        assertEquals(2, stream.written.size(), "the three that waited went out in one write");
        assertEquals(3 * FRAME.length, stream.written.get(1).length);
        assertTrue(link.offer(FRAME));
    }

    @Test
    void aPeerLinkRefusesByBytesToo() {
        FakeStream stream = new FakeStream();
        PeerLink link = new PeerLink(stream, 100, 2L * FRAME.length);
        assertTrue(link.offer(FRAME));
        assertTrue(link.offer(FRAME));
        assertTrue(link.offer(FRAME));
        assertFalse(link.offer(FRAME));
    }

    @Test
    void theInboundReaderFramesAndHandsOverRpcsInOrder() {
        FakeStream stream = new FakeStream();
        List<Rpc> got = new ArrayList<>();
        InboundReader reader = new InboundReader(stream, (rpc, done) -> {
            got.add(rpc);
            done.run();
        }, reason -> { }, () -> { });
        byte[] two = new byte[FRAME.length * 2];
        System.arraycopy(FRAME, 0, two, 0, FRAME.length);
        System.arraycopy(FRAME, 0, two, FRAME.length, FRAME.length);
        reader.onData(java.util.Arrays.copyOfRange(two, 0, 3));
        reader.onData(java.util.Arrays.copyOfRange(two, 3, two.length));
        assertEquals(2, got.size());
        assertEquals("t", got.get(1).subscriptions().get(0).topic());
    }

    @Test
    void anOversizedFrameResetsTheStreamBeforeItIsBuffered() {
        FakeStream stream = new FakeStream();
        List<String> reasons = new ArrayList<>();
        boolean[] ended = {false};
        InboundReader reader = new InboundReader(stream, (rpc, done) -> done.run(), reasons::add, () -> ended[0] = true);
        reader.onData(Varint.encode(RpcCodec.MAX_RPC + 1));
        assertTrue(stream.reset);
        assertTrue(ended[0]);
        assertEquals(1, reasons.size());
    }

    @Test
    void anUndecodableFrameResetsTheStream() {
        FakeStream stream = new FakeStream();
        List<String> reasons = new ArrayList<>();
        InboundReader reader = new InboundReader(stream, (rpc, done) -> done.run(), reasons::add, () -> { });
        reader.onData(new byte[] {2, 0x08, 0x01});
        assertTrue(stream.reset);
        assertEquals(1, reasons.size());
    }
}
