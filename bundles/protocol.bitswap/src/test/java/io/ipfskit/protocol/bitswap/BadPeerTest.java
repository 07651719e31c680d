package io.ipfskit.protocol.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.CidPrefix;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.message.WireBlock;
import io.ipfskit.protocol.bitswap.server.ServerLimits;
import io.ipfskit.protocol.bitswap.testing.BitswapNode;
import io.ipfskit.protocol.bitswap.testing.FakeRouting;
import io.ipfskit.protocol.bitswap.testing.RoguePeer;
import io.ipfskit.protocol.bitswap.testing.SyntheticStore;
import io.ipfskit.testkit.Await;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Peers that lie, flood or babble are cut off, and the node keeps serving the others within its bounds. */
class BadPeerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final FakeRouting routing = new FakeRouting();

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private BitswapNode fetcher() {
        BitswapNode b = track(new BitswapNode());
        b.bitswap.setRouting(routing);
        return b;
    }

    private static void connect(BitswapNode b, RoguePeer rogue) throws Exception {
        b.test.host.connect(rogue.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Await.until("the rogue to see the connection", TIMEOUT,
                () -> rogue.test.host.connections().stream().anyMatch(c -> c.remotePeer().equals(b.id())));
    }

    private void awaitCutOff(BitswapNode b, RoguePeer rogue) {
        Await.until("the rogue to be cut off", TIMEOUT, () -> !b.connectedTo(rogue.id()));
        Await.until("its misbehaviour to be reported", TIMEOUT, () -> routing.misbehaving.contains(rogue.id()));
    }

    @Test
    void aBlockThatDoesNotMatchTheWantedCidCutsThePeerOffAndIsNotStored() throws Exception {
        BitswapNode b = fetcher();
        RoguePeer rogue = track(new RoguePeer(Dialect.V120));
        byte[] real = BitswapNode.random(2000, 1);
        byte[] forged = BitswapNode.random(2000, 2);
        Cid wanted = Cid.v1(Multicodec.RAW, Multihash.sha256(real));
        rogue.answer = (peer, m) -> m.wantlist().stream().anyMatch(e -> e.cid().equals(wanted))
                ? BitswapMessage.response(List.of(new WireBlock(CidPrefix.of(wanted), forged)), List.of(), 0) : null;
        connect(b, rogue);
        try (ExchangeSession session = b.bitswap.newSession()) {
            CompletableFuture<byte[]> future = session.get(wanted);
            awaitCutOff(b, rogue);
            assertFalse(future.isDone());
        }
        assertFalse(b.repo.has(wanted));
        assertFalse(b.repo.has(Cid.v1(Multicodec.RAW, Multihash.sha256(forged))));
        assertTrue(b.bitswap.stat().blocksReceived() == 0);
    }

    @Test
    void aVersion100BlockThatMatchesNothingAskedCutsThePeerOff() throws Exception {
        BitswapNode b = fetcher();
        RoguePeer rogue = track(new RoguePeer(Dialect.V100));
        Cid wanted = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {9, 9}));
        rogue.answer = (peer, m) -> m.wantlist().isEmpty() ? null
                : BitswapMessage.response(List.of(new WireBlock(null, new byte[] {1, 2, 3})), List.of(), 0);
        connect(b, rogue);
        try (ExchangeSession session = b.bitswap.newSession()) {
            session.get(wanted);
            awaitCutOff(b, rogue);
        }
    }

    @Test
    void aBlockNobodyAskedForCutsThePeerOff() throws Exception {
        BitswapNode b = fetcher();
        RoguePeer rogue = track(new RoguePeer(Dialect.V120));
        connect(b, rogue);
        byte[] block = BitswapNode.random(100, 3);
        rogue.send(b.id(), BitswapMessage.response(List.of(WireBlock.of(Cid.v1(Multicodec.RAW, Multihash.sha256(block)), block)),
                List.of(), 0));
        awaitCutOff(b, rogue);
        assertFalse(b.repo.has(Cid.v1(Multicodec.RAW, Multihash.sha256(block))));
    }

    @Test
    void aMalformedMessageCutsThePeerOff() throws Exception {
        BitswapNode b = fetcher();
        RoguePeer rogue = track(new RoguePeer(Dialect.V120));
        connect(b, rogue);
        rogue.send(b.id(), new byte[] {0x02, 0x0a, 0x05}); // a frame of two bytes: a wantlist field cut short
        Await.until("the babbler to be cut off", TIMEOUT, () -> !b.connectedTo(rogue.id()));
    }

    @Test
    void anOversizedMessageIsRefusedFromItsLengthAlone() throws Exception {
        BitswapNode b = fetcher();
        RoguePeer rogue = track(new RoguePeer(Dialect.V120));
        connect(b, rogue);
        rogue.send(b.id(), Varint.encode(5L * 1024 * 1024));
        Await.until("the peer announcing 5 MiB to be cut off", TIMEOUT, () -> !b.connectedTo(rogue.id()));
    }

    @Test
    void aWantlistFloodCutsTheFlooderOffWhileAnotherPeerIsServed() throws Exception {
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        RoguePeer flooder = track(new RoguePeer(Dialect.V120));
        byte[] file = BitswapNode.random(2 * 1024 * 1024, 4);
        Cid root = a.add(file);
        b.connect(a);
        flooder.test.host.connect(a.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        List<WantEntry> flood = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(4).putInt(i).array()));
            flood.add(WantEntry.want(cid, 1, WantType.BLOCK, true));
        }
        flooder.send(a.id(), BitswapMessage.wants(flood, false));
        assertArrayEquals(file, b.fetch(root, 16, TIMEOUT));
        Await.until("the flooder to be cut off", TIMEOUT, () -> !a.connectedTo(flooder.id()));
        assertTrue(a.connectedTo(b.id()));
    }

    @Test
    void wantBlocksForAGibibyteAreServedWithinTheBytesInFlightBoundAndOthersStillGetAnswers() throws Exception {
        long bound = 1 << 20;
        SyntheticStore store = new SyntheticStore(1 << 20, false);
        BitswapSettings settings = BitswapSettings.of(NodeRole.WORKER).withClient(BitswapNode.FAST)
                .withServer(new ServerLimits(ServerLimits.MAX_WANTLIST_ENTRIES, 2, bound, ServerLimits.TARGET_MESSAGE_BYTES));
        BitswapNode a = track(new BitswapNode(settings, store));
        BitswapNode b = track(new BitswapNode());
        RoguePeer greedy = track(new RoguePeer(Dialect.V120));
        byte[] small = BitswapNode.random(1024, 5);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(small));
        store.real.put(cid, small);
        greedy.test.host.connect(a.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        b.connect(a);
        List<WantEntry> wants = new ArrayList<>();
        for (int i = 0; i < ServerLimits.MAX_WANTLIST_ENTRIES; i++) {
            Cid big = Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(4).putInt(i).array()));
            wants.add(WantEntry.want(big, 1, WantType.BLOCK, false));
        }
        greedy.send(a.id(), BitswapMessage.wants(wants, false));
        Await.until("the greedy peer to receive blocks", TIMEOUT, () -> greedy.blockBytesReceived.get() > 8L << 20);
        long start = System.nanoTime();
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(small, session.get(cid).get(10, TimeUnit.SECONDS));
        }
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed < Duration.ofSeconds(2).toNanos(), "a small want waited " + elapsed / 1_000_000 + " ms");
        assertTrue(a.connectedTo(greedy.id()), "wanting much is no abuse");
        long most = a.bitswap.engine().mostBytesInFlight();
        assertTrue(most <= bound + (1 << 20), "answers holding " + most + " bytes at once");
    }

    @Test
    void theBoundOnAnswerBytesHoldsAgainstManyGreedyPeersAndSmallAnswersPassIt() throws Exception {
        long bound = 1 << 20;
        SyntheticStore store = new SyntheticStore(1 << 20, true);
        BitswapSettings settings = BitswapSettings.of(NodeRole.WORKER).withClient(BitswapNode.FAST)
                .withServer(new ServerLimits(ServerLimits.MAX_WANTLIST_ENTRIES, 8, bound, ServerLimits.TARGET_MESSAGE_BYTES));
        BitswapNode a = track(new BitswapNode(settings, store));
        BitswapNode b = track(new BitswapNode());
        byte[] small = BitswapNode.random(1024, 6);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(small));
        store.real.put(cid, small);
        List<RoguePeer> greedy = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            RoguePeer peer = track(new RoguePeer(Dialect.V120));
            peer.test.host.connect(a.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            List<WantEntry> wants = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Cid big = Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(8).putInt(g).putInt(i).array()));
                wants.add(WantEntry.want(big, 1, WantType.BLOCK, false));
            }
            peer.send(a.id(), BitswapMessage.wants(wants, false));
            greedy.add(peer);
        }
        Await.until("every greedy want-list to arrive", TIMEOUT,
                () -> greedy.stream().allMatch(p -> a.bitswap.ledger(p.id()).map(l -> !l.wants().isEmpty()).orElse(false)));
        b.connect(a);
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(small, session.get(cid).get(10, TimeUnit.SECONDS), "a small answer passes the full budget");
        }
        long most = a.bitswap.engine().mostBytesInFlight();
        assertTrue(most <= bound + ServerLimits.TARGET_MESSAGE_BYTES, "answers holding " + most + " bytes at once");
        store.allow(1_000);
        Await.until("every greedy peer to be served", TIMEOUT,
                () -> greedy.stream().allMatch(p -> p.blockBytesReceived.get() >= 4L << 20));
        most = a.bitswap.engine().mostBytesInFlight();
        assertTrue(most <= bound + (1 << 20), "answers holding " + most + " bytes at once");
    }
}
