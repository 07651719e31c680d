package io.ipfskit.protocol.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.message.WireBlock;
import io.ipfskit.protocol.bitswap.client.Client;
import io.ipfskit.protocol.bitswap.client.ClientSettings;
import io.ipfskit.protocol.bitswap.testing.BitswapNode;
import io.ipfskit.protocol.bitswap.testing.RoguePeer;
import io.ipfskit.testing.MemoryBlockstore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a caller can make the client hold is bounded, and what needs no network never touches it. */
class SessionBoundsTest {

    private static final ClientSettings SMALL = new ClientSettings(Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofMinutes(1), Duration.ofSeconds(2), 1 << 20, 2, 4, 2, 1000, 32, 10, Duration.ofSeconds(10), 8);

    private final BitswapNode node = new BitswapNode(BitswapSettings.of(NodeRole.LEECHER).withClient(SMALL), null);

    @AfterEach
    void close() {
        node.close();
    }

    private static Cid absent(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(4).putInt(i).array()));
    }

    @Test
    void noWantBlockGoesOutWhileTheReceivedBlocksWaitingForStorageReachTheBound() throws Exception {
        CountDownLatch storable = new CountDownLatch(1);
        MemoryBlockstore slowDisk = new MemoryBlockstore() {
            @Override
            public void put(Cid cid, byte[] data) {
                try {
                    storable.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.put(cid, data);
            }
        };
        int blockSize = 1 << 20;
        int bound = (int) (Client.MAX_STORING_BYTES / blockSize);
        Map<Cid, byte[]> blocks = new LinkedHashMap<>();
        for (int i = 0; i < bound + 8; i++) {
            byte[] data = BitswapNode.random(blockSize, 60 + i);
            blocks.put(Cid.v1(Multicodec.RAW, Multihash.sha256(data)), data);
        }
        BitswapSettings patient = BitswapSettings.of(NodeRole.WORKER)
                .withClient(BitswapNode.FAST.withTimings(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        try (RoguePeer peer = new RoguePeer(Dialect.V120); BitswapNode fetcher = new BitswapNode(patient, slowDisk)) {
            fetcher.test.host.connect(peer.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            StepProvider provider = new StepProvider(peer, fetcher.id(), blocks);
            try (ExchangeSession session = fetcher.bitswap.newSession()) {
                List<CompletableFuture<byte[]>> futures = new ArrayList<>();
                blocks.keySet().forEach(cid -> futures.add(session.get(cid)));
                provider.collect(null);
                int served = 0;
                while (provider.serveOne()) {
                    served++;
                    assertTrue(served <= bound + 2, "asked for block " + served + " while " + bound + " MiB waited");
                }
                assertTrue(served >= bound, "the fetcher stopped asking after " + served + " blocks");
                assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "a block counts once it is stored");
                storable.countDown();
                while (served < blocks.size()) {
                    provider.collect(null);
                    while (provider.serveOne()) {
                        served++;
                    }
                }
                for (CompletableFuture<byte[]> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * A provider driven one block at a time: each block goes with a want-have probe, whose DONT_HAVE comes back on the
     * fetcher's one stream after every want the block made it send, so the test knows what the fetcher asked meanwhile.
     */
    private static final class StepProvider {

        private final RoguePeer peer;
        private final PeerId fetcher;
        private final Map<Cid, byte[]> blocks;
        private final Deque<Cid> pending = new ArrayDeque<>();
        private final Set<Cid> asked = new HashSet<>();
        private int probes;

        StepProvider(RoguePeer peer, PeerId fetcher, Map<Cid, byte[]> blocks) {
            this.peer = peer;
            this.fetcher = fetcher;
            this.blocks = blocks;
        }

        /** Reads the fetcher's messages, noting want-blocks, until the probe is answered (null: until one is asked). */
        void collect(Cid probe) throws InterruptedException {
            while (true) {
                BitswapMessage m = peer.next();
                for (WantEntry e : m.wantlist()) {
                    if (!e.cancel() && e.type() == WantType.BLOCK && asked.add(e.cid())) {
                        pending.add(e.cid());
                    }
                }
                if (probe == null ? !pending.isEmpty() : m.presences().stream().anyMatch(p -> p.cid().equals(probe))) {
                    return;
                }
            }
        }

        /** Sends the oldest block asked for and waits for the fetcher's reaction; false when none is asked. */
        boolean serveOne() throws InterruptedException {
            Cid next = pending.poll();
            if (next == null) {
                return false;
            }
            Cid probe = absent(-1 - probes++);
            peer.send(fetcher, new BitswapMessage(List.of(WantEntry.want(probe, 1, WantType.HAVE, true)), false,
                    List.of(WireBlock.of(next, blocks.get(next))), List.of(), 0));
            collect(probe);
            return true;
        }
    }

    @Test
    void aSessionHoldsAtMostItsBoundOfFutures() throws Exception {
        try (ExchangeSession session = node.bitswap.newSession()) {
            List<CompletableFuture<byte[]>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(session.get(absent(i % 3)));
            }
            ExecutionException refused = assertThrows(ExecutionException.class, () -> session.get(absent(9)).get(1, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof IllegalStateException);
            held.get(0).cancel(false);
            assertTrue(!session.get(absent(9)).isDone(), "a cancelled future frees its place");
        }
    }

    @Test
    void onlyTheBoundOfSessionsMayBeOpen() {
        ExchangeSession one = node.bitswap.newSession();
        ExchangeSession two = node.bitswap.newSession();
        assertThrows(IllegalStateException.class, node.bitswap::newSession);
        one.close();
        node.bitswap.newSession().close();
        two.close();
    }

    @Test
    void onlyTheLiveBoundOfWantsIsOnTheWire() throws Exception {
        BitswapNode peer = new BitswapNode();
        try (peer; ExchangeSession session = node.bitswap.newSession()) {
            node.connect(peer);
            for (int i = 0; i < 4; i++) {
                session.get(absent(100 + i));
            }
            io.ipfskit.testkit.Await.until("two wants to reach the peer", Duration.ofSeconds(10),
                    () -> peer.bitswap.ledger(node.id()).map(l -> l.wants().size() == 2).orElse(false));
            assertEquals(4, node.bitswap.wantlist().size());
        }
    }

    @Test
    void identityCidsAnswerAtOnceAndUnverifiableOnesFail() throws Exception {
        byte[] inline = {1, 2, 3};
        try (ExchangeSession session = node.bitswap.newSession()) {
            assertArrayEquals(inline, session.get(Cid.v1(Multicodec.RAW, Multihash.identity(inline))).get(1, TimeUnit.SECONDS));
            Cid sha3 = Cid.v1(Multicodec.RAW, Multihash.of(0x16, new byte[32]));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> session.get(sha3).get(1, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IllegalArgumentException);
        }
    }

    @Test
    void aBlockAlreadyStoredIsReadLocally() throws Exception {
        byte[] data = {4, 5, 6};
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(data));
        node.repo.put(cid, data);
        try (ExchangeSession session = node.bitswap.newSession()) {
            assertArrayEquals(data, session.get(cid).get(5, TimeUnit.SECONDS));
        }
        assertEquals(0, node.bitswap.stat().blocksReceived());
    }
}
