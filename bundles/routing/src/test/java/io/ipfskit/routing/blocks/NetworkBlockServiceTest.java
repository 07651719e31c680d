package io.ipfskit.routing.blocks;

import static io.ipfskit.routing.testing.FakeBlockstore.block;
import static io.ipfskit.routing.testing.FakeBlockstore.cid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.testing.FakeBlockstore;
import io.ipfskit.routing.concurrent.ManualTime;
import io.ipfskit.testkit.Await;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import io.ipfskit.testing.MemoryMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a blocked wait fails the test instead of hanging the build. */
@Timeout(30)
class NetworkBlockServiceTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final ManualTime time = new ManualTime();
    private final FakeBlockstore store = new FakeBlockstore();
    private final FakeExchange exchange = new FakeExchange(store);
    private final RecordingRouting routing = new RecordingRouting();
    private final Thread[] reader = {null};
    private final ExecutorService readers = Executors.newCachedThreadPool(task -> reader[0] = new Thread(task, "reader"));
    private final NetworkBlockService service = service(false);

    private NetworkBlockService service(boolean nodeOffline) {
        NetworkBlockService created = new NetworkBlockService(store, nodeOffline, time, Runnable::run, () -> { });
        created.exchange = exchange;
        created.routing = routing;
        created.affinity = routing;
        return created;
    }

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    private CompletableFuture<byte[]> read(BlockSession session, Cid cid) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.get(cid);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, readers);
    }

    /** The read's failure; fails the test if the read does not fail within the bound. */
    private static Throwable failure(CompletableFuture<byte[]> read) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        return e.getCause();
    }

    private void awaitWant(Cid cid) {
        Await.until("a want for " + cid, BOUND,
                () -> exchange.sessions.size() == 1 && exchange.session().wanted.contains(cid));
    }

    private long stat(String name) {
        return ((Number) service.report().get(name)).longValue();
    }

    @Test
    void aLocalHitNeverTouchesTheExchange() throws Exception {
        Cid cid = store.add(block(1));
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            assertArrayEquals(block(1), session.get(cid));
            session.prefetch(List.of(cid));
            assertEquals(0, session.bytesFetched());
        }
        assertEquals(List.of(), exchange.sessions, "no exchange session was even opened");
        assertEquals(0, stat("cache_misses"));
    }

    @Test
    void theCacheMissMetersMoveWithAFetchedMiss() throws Exception {
        MemoryMetrics metrics = new MemoryMetrics();
        new BlockServiceMeters(service).bind(metrics);
        Cid child = cid(block(2));
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            assertEquals(1, metrics.value("ipfskit.blockservice.sessions"));
            CompletableFuture<byte[]> read = read(session, child);
            awaitWant(child);
            assertEquals(1, metrics.value("ipfskit.blockservice.cache.misses"));
            exchange.session().deliver(child, block(2));
            read.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(1, metrics.value("ipfskit.blockservice.cache.misses.handled"));
        assertEquals(0, metrics.value("ipfskit.blockservice.cache.misses.failed"));
        assertEquals(block(2).length, metrics.value("ipfskit.blockservice.retrieved.bytes"));
        assertEquals(0, metrics.value("ipfskit.blockservice.sessions"));
    }

    @Test
    void aMissIsFetchedRelatedToItsRootAndAnnounced() throws Exception {
        Cid root = store.add(block(1));
        Cid child = cid(block(2));
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            session.get(root);
            CompletableFuture<byte[]> read = read(session, child);
            awaitWant(child);
            exchange.session().deliver(child, block(2));
            assertArrayEquals(block(2), read.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals(block(2).length, session.bytesFetched());
        }
        assertEquals(List.of(), routing.announced, "announced once fetches pause");
        time.advance(NetworkBlockService.PROVIDE_QUIET);
        assertEquals(List.of(child), routing.announced);
        assertEquals(List.of(List.of(child, root)), routing.related, "wanted as part of the DAG read from root");
        assertEquals(1, stat("cache_misses"));
        assertEquals(1, stat("cache_misses_handled"));
        assertEquals(block(2).length, stat("total_bytes_retrieved"));
        assertEquals(1.0, service.report().get("success_rate"));
        assertTrue(exchange.session().closed, "closing the block session closes the exchange session");
    }

    @Test
    void anOfflineRequestNeverTouchesTheExchange() {
        Cid missing = cid(block(2));
        try (BlockSession session = service.session(FetchOptions.DEFAULTS.asOffline())) {
            Throwable e = failure(read(session, missing));
            assertInstanceOf(NoSuchFileException.class, e);
            assertEquals(missing + ": block not found", e.getMessage());
            session.prefetch(List.of(missing));
        }
        assertEquals(List.of(), exchange.sessions);
        assertEquals(1, stat("cache_misses_offline"));
        assertEquals(0, stat("cache_misses"));
    }

    @Test
    void anOfflineNodeNeverTouchesTheExchange() {
        NetworkBlockService offline = service(true);
        try (BlockSession session = offline.session(FetchOptions.DEFAULTS)) {
            assertInstanceOf(NoSuchFileException.class, failure(read(session, cid(block(2)))));
            session.prefetch(List.of(cid(block(3))));
        }
        assertEquals(List.of(), exchange.sessions);
    }

    @Test
    void withoutAnExchangeAMissIsAMiss() {
        service.exchange = null;
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            assertThrows(NoSuchFileException.class, () -> session.get(cid(block(2))));
        }
    }

    @Test
    void theTimeoutCoversTheWholeSession() throws Exception {
        Cid local = store.add(block(1));
        Cid missing = cid(block(2));
        BlockSession session = service.session(new FetchOptions(Duration.ofSeconds(30), false, Long.MAX_VALUE));
        time.advance(Duration.ofSeconds(10));
        session.get(local);
        CompletableFuture<byte[]> read = read(session, missing);
        awaitWant(missing);
        time.advance(Duration.ofSeconds(20).minusNanos(1));
        assertFalse(read.isDone(), "still waiting just before the deadline");
        time.advance(Duration.ofNanos(1));
        Throwable e = failure(read);
        assertInstanceOf(InterruptedIOException.class, e);
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("30s"), e.getMessage());
        assertTrue(exchange.session().wants.get(missing).isCancelled(), "the want is cancelled");
        assertTrue(exchange.session().closed);
        assertThrows(InterruptedIOException.class, () -> session.get(local), "even local reads: the request is over");
        assertEquals(1, stat("cache_misses_failed"));
        session.close();
    }

    @Test
    void moreBytesThanAllowedFailTheRequest() throws Exception {
        byte[] big = new byte[150];
        Cid bigCid = cid(big);
        byte[] fits = new byte[100];
        Cid fitsCid = cid(fits);
        try (BlockSession session = service.session(new FetchOptions(Duration.ZERO, false, 100))) {
            CompletableFuture<byte[]> read = read(session, fitsCid);
            awaitWant(fitsCid);
            exchange.session().deliver(fitsCid, fits);
            assertArrayEquals(fits, read.get(BOUND.toSeconds(), TimeUnit.SECONDS), "exactly the limit is allowed");
        }
        exchange.sessions.clear();
        try (BlockSession session = service.session(new FetchOptions(Duration.ZERO, false, 100))) {
            CompletableFuture<byte[]> read = read(session, bigCid);
            awaitWant(bigCid);
            exchange.session().deliver(bigCid, big);
            Throwable e = failure(read);
            assertInstanceOf(IOException.class, e);
            assertTrue(e.getMessage().contains("limit of 100 bytes"), e.getMessage());
            Throwable next = failure(read(session, cid(block(9))));
            assertTrue(next.getMessage().contains("limit of 100 bytes"), next.getMessage());
        }
    }

    @Test
    void prefetchIsBoundedInBlocksAndEstimatedBytesAndNeverWaits() throws Exception {
        byte[][] blocks = new byte[100][];
        Cid[] cids = new Cid[100];
        for (int n = 0; n < 100; n++) {
            blocks[n] = n < 4 ? bigBlock(n) : block(n);
            cids[n] = cid(blocks[n]);
        }
        List<Cid> all = List.of(cids);
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            session.prefetch(all);
            FakeExchange.Session wants = exchange.session();
            assertEquals(all.subList(0, 32), wants.wanted, "32 blocks in flight, in the reader's order");

            for (int n = 0; n < 4; n++) {
                wants.deliver(cids[n], blocks[n]);
            }
            session.prefetch(all);
            assertEquals(32, wants.wanted.size(), "28 in flight at a 1 MiB mean is more than 8 MiB: no more");

            CompletableFuture<byte[]> read = read(session, cids[10]);
            Await.until("the reader to wait for the block in flight", BOUND,
                    () -> reader[0] != null && reader[0].getState() == Thread.State.WAITING);
            assertEquals(32, wants.wanted.size(), "reading a block in flight does not want it again");
            for (int n = 4; n < 32; n++) {
                wants.deliver(cids[n], blocks[n]);
            }
            assertArrayEquals(blocks[10], read.get(BOUND.toSeconds(), TimeUnit.SECONDS));

            session.prefetch(all);
            assertEquals(all.subList(0, 64), wants.wanted, "local blocks skipped; 32 more at a 128 KiB mean");
        }
    }

    @Test
    void prefetchLooksAtABoundedNumberOfCids() {
        List<Cid> list = new java.util.ArrayList<>();
        for (int n = 0; n < NetworkBlockSession.PREFETCH_SCAN; n++) {
            list.add(store.add(block(n)));
        }
        list.add(cid(block(-1)));
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            session.prefetch(list);
        }
        assertEquals(List.of(), exchange.sessions, "the missing block lies beyond the scan");
    }

    @Test
    void closeCancelsWhatTheSessionStillWants() throws Exception {
        Cid[] cids = {cid(block(1)), cid(block(2)), cid(block(3)), cid(block(4))};
        BlockSession session = service.session(FetchOptions.DEFAULTS);
        session.prefetch(List.of(cids[0], cids[1], cids[2]));
        CompletableFuture<byte[]> read = read(session, cids[3]);
        awaitWant(cids[3]);
        session.close();
        Throwable e = failure(read);
        assertInstanceOf(IOException.class, e);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(0, exchange.session().outstanding(), "every want was cancelled");
        assertTrue(exchange.session().closed);
        assertEquals(4, stat("cache_misses_cancelled"));
        assertEquals(0, stat("cache_misses_failed"));
        assertEquals(0, stat("open_sessions"));
    }

    @Test
    void anExchangeFailureIsAnIoExceptionNamingTheBlock() throws Exception {
        Cid missing = cid(block(2));
        try (BlockSession session = service.session(FetchOptions.DEFAULTS)) {
            CompletableFuture<byte[]> read = read(session, missing);
            awaitWant(missing);
            exchange.session().fail(missing, "no provider answered");
            Throwable e = failure(read);
            assertEquals("cannot retrieve " + missing + ": no provider answered", e.getMessage());
        }
        assertEquals(1, stat("cache_misses_failed"));
        assertEquals(0.0, service.report().get("success_rate"));
    }

    @Test
    void closingTheServiceClosesItsSessions() {
        BlockSession session = service.session(FetchOptions.DEFAULTS);
        service.close();
        assertThrows(IOException.class, () -> session.get(store.add(block(1))));
    }

    @Test
    void durationsReadAsKubosTimeoutOption() {
        assertEquals("30s", NetworkBlockSession.format(Duration.ofSeconds(30)));
        assertEquals("1m30s", NetworkBlockSession.format(Duration.ofSeconds(90)));
        assertEquals("2h0m5s", NetworkBlockSession.format(Duration.ofSeconds(7205)));
        assertEquals("250ms", NetworkBlockSession.format(Duration.ofMillis(250)));
        assertEquals("1500ms", NetworkBlockSession.format(Duration.ofMillis(1500)));
    }

    private static byte[] bigBlock(int n) {
        byte[] data = new byte[1 << 20];
        data[0] = (byte) n;
        return data;
    }
}
