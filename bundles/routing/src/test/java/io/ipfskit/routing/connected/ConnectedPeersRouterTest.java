package io.ipfskit.routing.connected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.testkit.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectedPeersRouterTest {

    private static final Cid CID = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {1}));

    private final TestHost self = new TestHost();
    private final TestHost bitswapPeer = new TestHost();
    private final TestHost otherPeer = new TestHost();
    private final ConnectedPeersRouter router = new ConnectedPeersRouter(self.host);

    @AfterEach
    void close() {
        self.close();
        bitswapPeer.close();
        otherPeer.close();
    }

    private List<PeerInfo> find(int limit) throws Exception {
        List<PeerInfo> found = new ArrayList<>();
        router.findProviders(CID, limit, found::add).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return found;
    }

    @Test
    void reportsTheConnectedPeersThatSpeakBitswap() throws Exception {
        self.host.connect(bitswapPeer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        self.host.connect(otherPeer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), find(20), "protocols unknown yet (identify has not run): no candidates");

        self.host.peerstore().update(bitswapPeer.node.peerId(),
                data -> data.withProtocols(Set.of("/ipfs/id/1.0.0", "/ipfs/bitswap/1.2.0")));
        self.host.peerstore().update(otherPeer.node.peerId(), data -> data.withProtocols(Set.of("/ipfs/ping/1.0.0")));
        List<PeerInfo> found = find(20);
        assertEquals(1, found.size());
        assertEquals(bitswapPeer.node.peerId(), found.get(0).peerId());
        assertTrue(!found.get(0).addresses().isEmpty(), "with an address to reach it");

        self.host.peerstore().update(otherPeer.node.peerId(), data -> data.withProtocols(Set.of("/ipfs/bitswap")));
        assertEquals(2, find(20).size(), "an old Bitswap id counts too");
        assertEquals(1, find(1).size(), "never more than the limit");
    }

    @Test
    void aPeerKnownButNotConnectedIsNoCandidate() throws Exception {
        self.host.peerstore().update(bitswapPeer.node.peerId(),
                data -> data.withProtocols(Set.of("/ipfs/bitswap/1.2.0")).withAddresses(List.of(bitswapPeer.address())));
        assertEquals(List.of(), find(20));
    }

    @Test
    void announcingIsDoneAtOnceAndTouchesNoPeer() {
        assertTrue(router.provide(CID).toCompletableFuture().isDone(), "connected peers ask us directly");
        assertEquals(List.of(), self.host.connections());
    }
}
