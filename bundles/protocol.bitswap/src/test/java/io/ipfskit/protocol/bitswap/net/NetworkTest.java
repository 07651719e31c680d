package io.ipfskit.protocol.bitswap.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.testkit.Await;
import io.ipfskit.testkit.TestHost;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which connected peers may serve: a peer that refused our Bitswap stream may serve again once identify says so. */
class NetworkTest {

    private final TestHost ours = new TestHost();
    private final TestHost theirs = new TestHost();
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private final CompletableFuture<PeerId> linkFailed = new CompletableFuture<>();
    private final Network network = new Network(ours.host, List.of(Dialect.V120.protocolId()), workers, new Network.Events() {
        @Override
        public void message(PeerId peer, BitswapMessage message) {
        }

        @Override
        public void connected(PeerId peer) {
        }

        @Override
        public void disconnected(PeerId peer) {
        }

        @Override
        public void linkFailed(PeerId peer) {
            linkFailed.complete(peer);
        }
    });

    @AfterEach
    void close() {
        network.close();
        workers.shutdownNow();
        ours.close();
        theirs.close();
    }

    @Test
    void aPeerThatRefusedBitswapServesAgainOnceIdentifySaysItSpeaksIt() throws Exception {
        network.start();
        ours.host.connect(theirs.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        PeerId peer = theirs.node.peerId();
        Await.until("the network to see the peer", Duration.ofSeconds(10), () -> network.isConnected(peer));

        PeerLink link = network.link(peer);
        link.want(WantEntry.want(Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {1})), 1, WantType.BLOCK, true));
        link.flush();
        linkFailed.get(10, TimeUnit.SECONDS);
        assertFalse(network.mayServe(peer), "a peer that refused our Bitswap stream (and identify said nothing)");

        ours.host.peerstore().update(peer, d -> d.withProtocols(Set.of("/ipfs/id/1.0.0")));
        assertFalse(network.mayServe(peer), "identify says it does not speak Bitswap");
        ours.host.peerstore().update(peer, d -> d.withProtocols(Set.of("/ipfs/id/1.0.0", Dialect.V120.protocolId())));
        assertTrue(network.mayServe(peer), "its Bitswap started again and identify said so");
    }
}
