package io.ipfskit.discovery.randomwalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.QueryEvent;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.testing.UnsupportedDht;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RandomWalkerTest {

    /** A DHT whose lookups the test finishes: it records the keys asked and hands out the pending lookup. */
    static final class FakeDht extends UnsupportedDht {
        final List<byte[]> keys = new ArrayList<>();
        QueryListener listener;
        CompletableFuture<List<PeerInfo>> lookup;

        FakeDht() {
            super("/ipfs/kad/1.0.0");
        }

        @Override
        public CompletionStage<List<PeerInfo>> closestPeers(byte[] key, QueryListener listener) {
            keys.add(key);
            this.listener = listener;
            lookup = new CompletableFuture<>();
            return lookup;
        }
    }

    private static PeerInfo peer(String name, boolean withAddress) {
        return new PeerInfo(PeerId.of(Multihash.sha256(name.getBytes(StandardCharsets.UTF_8))),
                withAddress ? List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001")) : List.of());
    }

    private final FakeDht dht = new FakeDht();
    private final List<PeerInfo> reported = new ArrayList<>();
    private final RandomWalker walker = new RandomWalker(dht, new Random(7), reported::add);

    @Test
    void looksUpARandomSha256KeyAndReportsEachPeerMetOnce() {
        CompletionStage<Integer> walk = walker.walk();
        byte[] key = dht.keys.get(0);
        assertEquals(34, key.length);
        assertEquals(0x12, key[0]);
        assertEquals(0x20, key[1]);

        dht.listener.event(new QueryEvent(QueryEventType.SENDING_QUERY, peer("x", true).peerId(), List.of(), ""));
        dht.listener.event(new QueryEvent(QueryEventType.PEER_RESPONSE, peer("x", true).peerId(),
                List.of(peer("a", true), peer("b", true), peer("no-address", false)), ""));
        dht.listener.event(new QueryEvent(QueryEventType.PEER_RESPONSE, peer("a", true).peerId(),
                List.of(peer("b", true), peer("c", true)), ""));
        dht.lookup.complete(List.of(peer("c", true), peer("d", true)));

        assertEquals(4, walk.toCompletableFuture().join());
        assertEquals(List.of(peer("a", true), peer("b", true), peer("c", true), peer("d", true)), reported);
    }

    @Test
    void oneWalkAtATimeAndEachWalkASeparateKey() {
        walker.walk();
        assertEquals(-1, walker.walk().toCompletableFuture().join(), "a walk asked for while one runs is skipped");
        assertEquals(1, dht.keys.size());
        dht.lookup.complete(List.of());
        walker.walk();
        assertEquals(2, dht.keys.size());
        assertFalse(java.util.Arrays.equals(dht.keys.get(0), dht.keys.get(1)));
    }

    @Test
    void aFailedLookupFailsTheWalkAndTheNextOneRuns() {
        CompletionStage<Integer> walk = walker.walk();
        dht.lookup.completeExceptionally(new IllegalStateException("the routing table is empty"));
        assertThrows(CompletionException.class, () -> walk.toCompletableFuture().join());
        walker.walk();
        assertEquals(2, dht.keys.size());
    }

    @Test
    void cancellingEndsTheLookupUnderWay() {
        walker.walk();
        walker.cancel();
        assertTrue(dht.lookup.isCancelled());
    }

    @Test
    void aWalkReportsAtMostItsBound() {
        CompletionStage<Integer> walk = walker.walk();
        List<PeerInfo> many = new ArrayList<>();
        for (int i = 0; i < 3 * RandomWalker.MAX_REPORTS; i++) {
            many.add(peer("p" + i, true));
        }
        dht.listener.event(new QueryEvent(QueryEventType.PEER_RESPONSE, peer("x", true).peerId(), many, ""));
        dht.lookup.complete(List.of());
        assertEquals(RandomWalker.MAX_REPORTS, walk.toCompletableFuture().join());
        assertEquals(RandomWalker.MAX_REPORTS, reported.size());
    }

    @Test
    void theIntervalFollowsTheRole() {
        assertEquals(60, RandomWalkDiscovery.byRole(NodeRole.MASTER));
        assertEquals(300, RandomWalkDiscovery.byRole(NodeRole.WORKER));
        assertEquals(900, RandomWalkDiscovery.byRole(NodeRole.LEECHER));
    }
}
