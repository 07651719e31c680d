package io.ipfskit.dht.kad.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.api.RoutingTableSnapshot;
import io.ipfskit.dht.kad.api.TableBucket;
import io.ipfskit.dht.kad.api.TableEntry;
import io.ipfskit.dht.kad.records.IpnsFixtures;
import io.ipfskit.dht.kad.testing.UnsupportedDht;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dual DHT as the commands see it: both asked for peers and values (merged, the best value), the active one. */
class NodeDhtsTest {

    private static final PeerId PEER = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());

    /** A DHT answering findPeer and getValue with the futures given, with a table of {@code size} peers. */
    private static final class ScriptedDht extends UnsupportedDht {
        CompletableFuture<Optional<PeerInfo>> peer = new CompletableFuture<>();
        CompletableFuture<byte[]> value = new CompletableFuture<>();
        int size;

        ScriptedDht() {
            super("/test/kad");
        }

        @Override
        public CompletionStage<Optional<PeerInfo>> findPeer(PeerId id, QueryListener listener) {
            return peer;
        }

        @Override
        public CompletionStage<byte[]> getValue(byte[] key, QueryListener listener) {
            return value;
        }

        @Override
        public RoutingTableSnapshot routingTable() {
            List<TableEntry> entries = java.util.stream.IntStream.range(0, size).mapToObj(i -> new TableEntry(
                    PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey()), List.of(), Instant.now(), null, null))
                    .toList();
            return new RoutingTableSnapshot(protocolId(), mode(), 20,
                    entries.isEmpty() ? List.of() : List.of(new TableBucket(0, entries)));
        }
    }

    private final ScriptedDht wan = new ScriptedDht();
    private final ScriptedDht lan = new ScriptedDht();
    private final NodeDhts dual = new NodeDhts(wan, lan, null, false);

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void findPeerMergesTheAddressesBothDhtsFound() throws Exception {
        Multiaddr lanAddress = Multiaddr.parse("/ip4/192.168.1.2/tcp/4001");
        Multiaddr wanAddress = Multiaddr.parse("/ip4/1.2.3.4/tcp/4001");
        CompletableFuture<Optional<PeerInfo>> found = dual.findPeer(PEER, QueryListener.NONE);
        lan.peer.complete(Optional.of(new PeerInfo(PEER, List.of(lanAddress))));
        assertTrue(!found.isDone(), "waits for both DHTs");
        wan.peer.complete(Optional.of(new PeerInfo(PEER, List.of(wanAddress, lanAddress))));
        assertEquals(Optional.of(new PeerInfo(PEER, List.of(wanAddress, lanAddress))), get(found));
    }

    @Test
    void findPeerIsEmptyWhenNeitherFoundItAndAFailedDhtCountsAsNotFinding() throws Exception {
        CompletableFuture<Optional<PeerInfo>> found = dual.findPeer(PEER, QueryListener.NONE);
        wan.peer.completeExceptionally(new IllegalStateException("no peers in the routing table"));
        lan.peer.complete(Optional.empty());
        assertEquals(Optional.empty(), get(found));
    }

    @Test
    void getValueReturnsTheBestOfBothByTheNamespacesSelector() throws Exception {
        IpnsFixtures.Signer signer = IpnsFixtures.ed25519();
        Instant eol = Instant.now().plus(1, ChronoUnit.HOURS);
        byte[] older = IpnsFixtures.record(signer, "/ipfs/bafkqaaa", 1, eol, false);
        byte[] newer = IpnsFixtures.record(signer, "/ipfs/bafkqaaa", 2, eol, false);
        CompletableFuture<byte[]> best = dual.getValue(IpnsFixtures.key(signer.name()), QueryListener.NONE);
        wan.value.complete(older);
        lan.value.complete(newer);
        assertArrayEquals(newer, get(best), "the higher sequence, from whichever DHT had it");
    }

    @Test
    void getValueFailsWithNotFoundOnlyWhenNeitherHadOne() throws Exception {
        byte[] key = IpnsFixtures.key(PEER);
        CompletableFuture<byte[]> one = dual.getValue(key, QueryListener.NONE);
        wan.value.completeExceptionally(new NoSuchElementException("routing: not found"));
        lan.value.complete(new byte[] {7});
        assertArrayEquals(new byte[] {7}, get(one));

        ScriptedDht otherWan = new ScriptedDht();
        ScriptedDht otherLan = new ScriptedDht();
        CompletableFuture<byte[]> none = new NodeDhts(otherWan, otherLan, null, false).getValue(key, QueryListener.NONE);
        otherWan.value.completeExceptionally(new NoSuchElementException("routing: not found"));
        otherLan.value.completeExceptionally(new IllegalStateException("no peers in the routing table"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(none));
        assertInstanceOf(NoSuchElementException.class, e.getCause());
    }

    @Test
    void cancellingAQueryCancelsBothSearches() {
        dual.findPeer(PEER, QueryListener.NONE).cancel(true);
        assertTrue(wan.peer.isCancelled() && lan.peer.isCancelled());
        dual.getValue(IpnsFixtures.key(PEER), QueryListener.NONE).cancel(true);
        assertTrue(wan.value.isCancelled() && lan.value.isCancelled());
    }

    @Test
    void theActiveDhtIsThePublicOneWhileItsTableHasPeers() throws Exception {
        assertSame(lan, dual.active(), "an empty public table: the LAN DHT");
        wan.size = 1;
        assertSame(wan, dual.active());
        assertSame(wan, new NodeDhts(wan, null, null, false).active());
        assertEquals(List.of("wan"), new NodeDhts(wan, null, null, false).names());
        assertEquals(List.of("wan", "lan"), dual.names());
    }
}
