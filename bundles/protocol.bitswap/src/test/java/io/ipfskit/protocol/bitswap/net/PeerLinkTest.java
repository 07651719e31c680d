package io.ipfskit.protocol.bitswap.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The outbound link: one write at a time, coalesced changes, and a lost stream replaced by one restating our wants. */
class PeerLinkTest {

    private final PeerId peer = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    private final List<FakeStream> streams = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private String protocol = Dialect.V120.protocolId();
    private boolean refuse;
    private final PeerLink link = new PeerLink(peer, this::open, failures::add);

    private CompletionStage<Stream> open(PeerLink l) {
        if (refuse) {
            return CompletableFuture.failedFuture(new IOException("no bitswap here"));
        }
        FakeStream s = new FakeStream(peer, protocol);
        streams.add(s);
        return CompletableFuture.completedFuture(s);
    }

    private void want(WantEntry entry) {
        link.want(entry);
        link.flush();
    }

    private static Cid cid(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {(byte) i}));
    }

    private static WantEntry block(int i) {
        return WantEntry.want(cid(i), 10, WantType.BLOCK, true);
    }

    @Test
    void changesWaitForTheWriteBeforeAndAreCoalesced() {
        want(block(1));
        FakeStream s = streams.get(0);
        assertEquals(List.of(block(1)), s.messages().get(0).wantlist());
        want(block(2));
        link.cancel(cid(1));
        want(WantEntry.want(cid(3), 1, WantType.HAVE, true));
        link.cancel(cid(3));
        link.flush();
        assertEquals(1, s.messages().size(), "nothing is written while a write is pending");
        s.completeWrite();
        assertEquals(List.of(block(2), WantEntry.cancel(cid(1)), WantEntry.cancel(cid(3))), s.messages().get(1).wantlist());
        assertEquals(1, streams.size());
    }

    @Test
    void aLostStreamIsReplacedByOneThatRestatesTheWholeWantlist() {
        want(block(1));
        want(block(2));
        FakeStream first = streams.get(0);
        first.completeWrite();
        first.completeWrite();
        link.cancel(cid(2));
        link.flush();
        first.completeWrite();
        CompletableFuture<Void> response = link.send(BitswapMessage.response(List.of(), List.of(), 0));
        link.lost(first, new IOException("reset"));
        assertTrue(first.wasReset());
        assertTrue(response.isCompletedExceptionally(), "a response on a lost stream fails");
        want(block(3));
        FakeStream second = streams.get(1);
        BitswapMessage restated = second.messages().get(0);
        assertTrue(restated.full());
        assertEquals(List.of(block(1), block(3)), restated.wantlist());
        assertFalse(link.dead());
        assertTrue(failures.isEmpty());
    }

    @Test
    void streamsLostOverAndOverKillTheLink() {
        for (int i = 0; i <= PeerLink.MAX_LOSSES; i++) {
            want(block(i));
            link.lost(streams.get(streams.size() - 1), new IOException("reset"));
        }
        assertTrue(link.dead());
        assertEquals(1, failures.size());
    }

    @Test
    void aStreamThatCannotBeOpenedKillsTheLinkOnce() {
        refuse = true;
        want(block(1));
        want(block(2));
        assertTrue(link.dead());
        assertEquals(1, failures.size());
        assertTrue(link.send(BitswapMessage.response(List.of(), List.of(), 0)).isCompletedExceptionally());
    }

    @Test
    void aVersion110PeerGetsNoWantHaves() {
        protocol = Dialect.V110.protocolId();
        want(WantEntry.want(cid(1), 1, WantType.HAVE, true));
        want(block(2));
        assertEquals(List.of(WantEntry.want(cid(2), 10, WantType.BLOCK, false)), streams.get(0).messages().get(0).wantlist());
    }

    @Test
    void changesLostWithAStreamAreRestatedOnANewOneAtOnce() {
        want(block(1));
        FakeStream first = streams.get(0);
        want(block(2));
        link.lost(first, new IOException("reset while writing"));
        FakeStream second = streams.get(1);
        BitswapMessage restated = second.messages().get(0);
        assertTrue(restated.full());
        assertEquals(List.of(block(1), block(2)), restated.wantlist());
    }

    @Test
    void anIdleStreamLostIsNotReplacedUntilNeeded() {
        want(block(1));
        FakeStream first = streams.get(0);
        first.completeWrite();
        link.lost(first, new IOException("idle timeout"));
        assertEquals(1, streams.size());
    }
}
