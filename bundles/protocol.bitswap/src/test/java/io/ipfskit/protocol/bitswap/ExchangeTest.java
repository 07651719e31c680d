package io.ipfskit.protocol.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.Presence;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.message.WireBlock;
import io.ipfskit.protocol.bitswap.testing.BitswapNode;
import io.ipfskit.protocol.bitswap.testing.FakeRouting;
import io.ipfskit.protocol.bitswap.testing.GatedStore;
import io.ipfskit.protocol.bitswap.testing.PacedStore;
import io.ipfskit.protocol.bitswap.testing.RoguePeer;
import io.ipfskit.testing.MemoryBlockstore;
import io.ipfskit.testkit.Await;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Importer;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bitswap between in-process hosts on loopback: DAGs, several providers, DONT_HAVE, cancels, old versions, failover. */
class ExchangeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final List<AutoCloseable> open = new ArrayList<>();

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

    @Test
    void aFetcherGetsAMultiBlockDagByteForByteAndBothSidesCountIt() throws Exception {
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        byte[] file = BitswapNode.random(3 * 1024 * 1024 + 12345, 1);
        Cid root = a.add(file);
        b.connect(a);
        assertArrayEquals(file, b.fetch(root, 16, TIMEOUT));
        BitswapStat stat = b.bitswap.stat();
        assertEquals(14, stat.blocksReceived());
        assertTrue(stat.dataReceived() > file.length);
        assertEquals(0, stat.duplicateBlocksReceived());
        assertTrue(b.bitswap.wantlist().isEmpty());
        Await.until("a's ledger to count what it sent b", TIMEOUT,
                () -> a.bitswap.ledger(b.id()).map(l -> l.sent() == stat.dataReceived()).orElse(false));
        assertEquals(stat.dataReceived(), b.bitswap.ledger(a.id()).orElseThrow().received());
    }

    @Test
    void receivedBlocksReachTheStoreVerifiedSoItHashesThemNoMore() throws Exception {
        AtomicInteger verified = new AtomicInteger();
        AtomicInteger unverified = new AtomicInteger();
        MemoryBlockstore store = new MemoryBlockstore() {
            @Override
            public void put(Cid cid, byte[] data) {
                unverified.incrementAndGet();
                super.put(cid, data);
            }

            @Override
            public void put(VerifiedBlock block) {
                verified.incrementAndGet();
                super.put(block.cid(), block.data());
            }
        };
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode(BitswapSettings.of(NodeRole.WORKER), store));
        byte[] file = BitswapNode.random(1024 * 1024 + 7, 2);
        Cid root = a.add(file);
        b.connect(a);
        assertArrayEquals(file, b.fetch(root, 16, TIMEOUT));
        assertEquals(b.bitswap.stat().blocksReceived(), verified.get(), "every received block stored as verified");
        assertEquals(0, unverified.get());
    }

    @Test
    void threeHostsSplitTheFetchBetweenBothProviders() throws Exception {
        BitswapNode a = track(new BitswapNode());
        BitswapNode c = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        byte[] file = BitswapNode.random(4 * 1024 * 1024, 2);
        Cid root = a.add(file);
        assertEquals(root, c.add(file));
        b.connect(a);
        b.connect(c);
        assertArrayEquals(file, b.fetch(root, 32, TIMEOUT));
        Await.until("both providers to have sent blocks", TIMEOUT,
                () -> a.bitswap.ledger(b.id()).map(l -> l.sent() > 0).orElse(false)
                        && c.bitswap.ledger(b.id()).map(l -> l.sent() > 0).orElse(false));
    }

    @Test
    void fourRateCappedProvidersAreAllUsedAndTogetherBeatTheCapOfOne() throws Exception {
        long cap = 2_000_000;
        byte[] file = BitswapNode.random(8 * 1024 * 1024, 11);
        BitswapNode b = track(new BitswapNode());
        List<BitswapNode> providers = new ArrayList<>();
        Cid root = null;
        for (int i = 0; i < 4; i++) {
            PacedStore paced = new PacedStore(cap);
            BitswapNode provider = track(new BitswapNode(BitswapSettings.of(NodeRole.WORKER).withClient(BitswapNode.FAST), paced));
            root = new Importer(ImportOptions.KUBO_DEFAULTS, paced::put)
                    .file(new ByteArrayInputStream(file)).cid();
            b.connect(provider);
            providers.add(provider);
        }
        long start = System.nanoTime();
        try (ExchangeSession session = b.bitswap.newSession()) {
            BitswapNode.fetchDag(session, root, 32, TIMEOUT);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertArrayEquals(file, b.read(root));
        double oneAtBest = (double) file.length / cap;
        assertTrue(seconds < 0.6 * oneAtBest, "took " + seconds + " s; one capped provider needs at least " + oneAtBest + " s");
        for (BitswapNode provider : providers) {
            long sent = provider.bitswap.ledger(b.id()).map(l -> l.sent()).orElse(0L);
            assertTrue(sent >= file.length / 8, "a provider sent only " + sent + " of " + file.length + " bytes");
        }
    }

    @Test
    void aPeerThatSaysHaveAfterTheBlockCameFromAnotherJoinsTheSession() throws Exception {
        FakeRouting routing = new FakeRouting();
        BitswapSettings patient = BitswapSettings.of(NodeRole.WORKER)
                .withClient(BitswapNode.FAST.withTimings(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        GatedStore gate = new GatedStore();
        BitswapNode a = track(new BitswapNode(patient, gate));
        RoguePeer late = track(new RoguePeer(Dialect.V120));
        BitswapNode b = track(new BitswapNode(patient, null));
        b.bitswap.setRouting(routing);
        byte[] first = BitswapNode.random(20_000, 12);
        byte[] second = BitswapNode.random(20_000, 13);
        Cid one = Cid.v1(Multicodec.RAW, Multihash.sha256(first));
        Cid two = Cid.v1(Multicodec.RAW, Multihash.sha256(second));
        gate.put(one, first);
        gate.put(two, second);
        routing.preferred.add(a.id());
        b.connect(a);
        b.test.host.connect(late.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Await.until("b to rank both peers (a first)", TIMEOUT,
                () -> routing.lastRanked.containsAll(List.of(a.id(), late.id())));
        gate.allow(1);
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(first, session.get(one).get(10, TimeUnit.SECONDS));
            assertEquals(WantType.HAVE, late.next().wantlist().get(0).type());
            assertEquals(List.of(WantEntry.cancel(one)), late.next().wantlist());
            late.send(b.id(), BitswapMessage.response(List.of(), List.of(new Presence(one, true)), 0));
            session.get(two);
            WantEntry asked = late.next().wantlist().get(0);
            assertEquals(two, asked.cid());
            assertFalse(asked.cancel());
        }
    }

    @Test
    void aProviderOutsideTheSessionIsAskedWhileTheSessionsPeerIsBusyAndServesToo() throws Exception {
        PacedStore slow = new PacedStore(2_000_000);
        BitswapNode a = track(new BitswapNode(BitswapSettings.of(NodeRole.WORKER).withClient(BitswapNode.FAST), slow));
        RoguePeer other = track(new RoguePeer(Dialect.V120));
        BitswapNode b = track(new BitswapNode());
        Map<Cid, byte[]> blocks = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            byte[] data = BitswapNode.random(200_000, 40 + i);
            Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(data));
            blocks.put(cid, data);
            slow.put(cid, data);
        }
        AtomicInteger servedByOther = new AtomicInteger();
        other.answer = (peer, m) -> {
            List<WireBlock> sent = new ArrayList<>();
            List<Presence> haves = new ArrayList<>();
            for (WantEntry e : m.wantlist()) {
                if (!e.cancel() && e.type() == WantType.BLOCK) {
                    sent.add(WireBlock.of(e.cid(), blocks.get(e.cid())));
                } else if (!e.cancel()) {
                    haves.add(new Presence(e.cid(), true));
                }
            }
            servedByOther.addAndGet(sent.size());
            return sent.isEmpty() && haves.isEmpty() ? null : BitswapMessage.response(sent, haves, 0);
        };
        List<Cid> cids = List.copyOf(blocks.keySet());
        b.connect(a);
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(blocks.get(cids.get(0)), session.get(cids.get(0)).get(10, TimeUnit.SECONDS));
            b.test.host.connect(other.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Await.until("b to count the other provider among its peers", TIMEOUT,
                    () -> b.bitswap.stat().peers().contains(other.id()));
            List<CompletableFuture<byte[]>> rest = new ArrayList<>();
            cids.subList(1, cids.size()).forEach(cid -> rest.add(session.get(cid)));
            for (int i = 1; i < cids.size(); i++) {
                assertArrayEquals(blocks.get(cids.get(i)), rest.get(i - 1).get(10, TimeUnit.SECONDS));
            }
        }
        Await.until("every block to have come from one of the two, once", TIMEOUT,
                () -> a.bitswap.ledger(b.id()).map(l -> l.exchanged()).orElse(0L) + servedByOther.get() == cids.size());
        assertTrue(servedByOther.get() >= 2, "the provider outside the session served " + servedByOther.get() + " blocks");
        assertEquals(0, b.bitswap.stat().duplicateBlocksReceived());
    }

    @Test
    void dontHaveMovesTheWantToAPeerThatHasTheBlock() throws Exception {
        FakeRouting routing = new FakeRouting();
        BitswapNode b = track(new BitswapNode(BitswapSettings.of(NodeRole.WORKER)
                .withClient(BitswapNode.FAST.withTimings(Duration.ofSeconds(30), Duration.ofSeconds(30))), null));
        b.bitswap.setRouting(routing);
        BitswapNode empty = track(new BitswapNode());
        BitswapNode holder = track(new BitswapNode());
        byte[] block = BitswapNode.random(4096, 3);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
        holder.repo.put(cid, block);
        routing.preferred.add(empty.id());
        b.connect(empty);
        b.connect(holder);
        long start = System.nanoTime();
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(block, session.get(cid).get(10, TimeUnit.SECONDS));
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "moved on by DONT_HAVE, not by timeout");
        Await.until("the holder's ledger to count the block", TIMEOUT,
                () -> holder.bitswap.ledger(b.id()).map(l -> l.sent() == block.length).orElse(false));
        assertEquals(0, empty.bitswap.ledger(b.id()).map(l -> l.sent()).orElse(0L));
        assertTrue(routing.searched.isEmpty(), "no provider search was needed");
    }

    @Test
    void closingASessionCancelsItsWantsOnTheWire() throws Exception {
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        b.connect(a);
        Cid missing = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {1, 2, 3}));
        ExchangeSession session = b.bitswap.newSession();
        CompletableFuture<byte[]> future = session.get(missing);
        Await.until("a to hold b's want", TIMEOUT,
                () -> a.bitswap.ledger(b.id()).map(l -> l.wants().contains(missing)).orElse(false));
        assertEquals(List.of(missing), b.bitswap.wantlist());
        session.close();
        assertThrows(CancellationException.class, () -> future.get(1, TimeUnit.SECONDS));
        Await.until("the cancel to reach a", TIMEOUT,
                () -> a.bitswap.ledger(b.id()).map(l -> !l.wants().contains(missing)).orElse(false));
        assertTrue(b.bitswap.wantlist().isEmpty());
    }

    @Test
    void cancellingOneFutureCancelsTheWantOnlyWhenNoOtherWantsIt() throws Exception {
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        b.connect(a);
        Cid missing = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {4, 5, 6}));
        try (ExchangeSession session = b.bitswap.newSession()) {
            CompletableFuture<byte[]> first = session.get(missing);
            CompletableFuture<byte[]> second = session.get(missing);
            Await.until("a to hold b's want", TIMEOUT,
                    () -> a.bitswap.ledger(b.id()).map(l -> l.wants().contains(missing)).orElse(false));
            first.cancel(false);
            assertEquals(List.of(missing), b.bitswap.wantlist());
            second.cancel(false);
            Await.until("the cancel to reach a", TIMEOUT,
                    () -> a.bitswap.ledger(b.id()).map(l -> !l.wants().contains(missing)).orElse(false));
        }
    }

    @Test
    void aVersion100PeerGetsAndSendsPlainBlocks() throws Exception {
        BitswapNode old = track(new BitswapNode(BitswapSettings.of(NodeRole.WORKER).withClient(BitswapNode.FAST)
                .withDialects(Dialect.V100), null));
        BitswapNode b = track(new BitswapNode());
        byte[] there = BitswapNode.random(700_000, 4);
        byte[] here = BitswapNode.random(600_000, 5);
        Cid onOld = old.add(there);
        Cid onB = b.add(here);
        b.connect(old);
        assertArrayEquals(there, b.fetch(onOld, 8, TIMEOUT));
        assertArrayEquals(here, old.fetch(onB, 8, TIMEOUT));
    }

    @Test
    void aVersion100ServerAnswersWithPlainBlocksWhichAreMatchedToTheirCids() throws Exception {
        RoguePeer old = track(new RoguePeer(Dialect.V100));
        BitswapNode b = track(new BitswapNode());
        byte[] block = BitswapNode.random(5000, 6);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
        old.answer = (peer, m) -> m.wantlist().stream().anyMatch(e -> e.cid().equals(cid) && !e.cancel())
                ? BitswapMessage.response(List.of(new WireBlock(null, block)), List.of(), 0) : null;
        b.test.host.connect(old.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(block, session.get(cid).get(10, TimeUnit.SECONDS));
        }
        WantEntry asked = old.next().wantlist().get(0);
        assertEquals(WantType.BLOCK, asked.type());
        assertFalse(asked.sendDontHave());
        assertTrue(b.repo.has(cid));
    }

    @Test
    void aProviderKilledMidTransferLeavesTheFetchToAnother() throws Exception {
        FakeRouting routing = new FakeRouting();
        GatedStore gate = new GatedStore();
        BitswapNode a = new BitswapNode(BitswapSettings.of(NodeRole.WORKER).withClient(BitswapNode.FAST), gate);
        BitswapNode c = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        b.bitswap.setRouting(routing);
        byte[] file = BitswapNode.random(4 * 1024 * 1024, 7);
        Cid root = c.add(file);
        new Importer(ImportOptions.KUBO_DEFAULTS, gate::put)
                .file(new ByteArrayInputStream(file));
        routing.providers.add(new PeerInfo(a.id(), a.test.host.listenAddresses()));
        routing.providers.add(new PeerInfo(c.id(), c.test.host.listenAddresses()));
        b.connect(a);
        gate.allow(4);
        CompletableFuture<byte[]> fetched = CompletableFuture.supplyAsync(() -> {
            try {
                return b.fetch(root, 8, TIMEOUT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until("b to get four blocks from a", TIMEOUT, () -> b.bitswap.stat().blocksReceived() >= 4);
        assertFalse(fetched.isDone());
        a.close();
        assertArrayEquals(file, fetched.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(routing.failures.contains(a.id()), "the dead provider is reported");
        assertTrue(c.bitswap.ledger(b.id()).map(l -> l.sent() > 0).orElse(false));
    }

    @Test
    void aSessionSearchesProvidersAfterTheDelayAndDialsThem() throws Exception {
        FakeRouting routing = new FakeRouting();
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        b.bitswap.setRouting(routing);
        byte[] file = BitswapNode.random(600_000, 8);
        Cid root = a.add(file);
        routing.providers.add(new PeerInfo(a.id(), a.test.host.listenAddresses()));
        assertFalse(b.connectedTo(a.id()));
        assertArrayEquals(file, b.fetch(root, 8, TIMEOUT));
        assertTrue(routing.searched.contains(root));
        assertTrue(routing.successBytes.getOrDefault(a.id(), 0L) > file.length);
    }

    @Test
    void oneBlockCompletesEveryFutureOfEverySessionThatWantsIt() throws Exception {
        BitswapNode a = track(new BitswapNode());
        BitswapNode b = track(new BitswapNode());
        byte[] block = BitswapNode.random(50_000, 9);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
        b.connect(a);
        try (ExchangeSession one = b.bitswap.newSession(); ExchangeSession two = b.bitswap.newSession()) {
            CompletableFuture<byte[]> first = one.get(cid);
            CompletableFuture<byte[]> second = one.get(cid);
            CompletableFuture<byte[]> third = two.get(cid);
            Await.until("a to hold b's want", TIMEOUT,
                    () -> a.bitswap.ledger(b.id()).map(l -> l.wants().contains(cid)).orElse(false));
            a.repo.put(cid, block);
            a.bitswap.engine().blockAdded(cid, block.length);
            for (CompletableFuture<byte[]> f : List.of(first, second, third)) {
                assertArrayEquals(block, f.get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(1, b.bitswap.stat().blocksReceived());
        assertTrue(b.repo.has(cid));
    }

    @Test
    void theOtherPeersAskedGetACancelOnceTheBlockArrived() throws Exception {
        FakeRouting routing = new FakeRouting();
        BitswapNode a = track(new BitswapNode());
        RoguePeer other = track(new RoguePeer(Dialect.V120));
        BitswapNode b = track(new BitswapNode());
        b.bitswap.setRouting(routing);
        byte[] block = BitswapNode.random(20_000, 10);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
        a.repo.put(cid, block);
        routing.preferred.add(a.id());
        b.connect(a);
        b.test.host.connect(other.test.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        try (ExchangeSession session = b.bitswap.newSession()) {
            assertArrayEquals(block, session.get(cid).get(10, TimeUnit.SECONDS));
        }
        WantEntry asked = other.next().wantlist().get(0);
        assertEquals(WantEntry.want(cid, asked.priority(), WantType.HAVE, true), asked);
        assertEquals(List.of(WantEntry.cancel(cid)), other.next().wantlist());
    }
}
