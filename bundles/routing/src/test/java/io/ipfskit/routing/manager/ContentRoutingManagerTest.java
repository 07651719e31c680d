package io.ipfskit.routing.manager;

import static io.ipfskit.routing.manager.Managers.add;
import static io.ipfskit.routing.manager.Peers.info;
import static io.ipfskit.routing.manager.Peers.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.testing.FakeBlockstore;
import io.ipfskit.routing.concurrent.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a blocked wait fails the test instead of hanging the build. */
@Timeout(30)
class ContentRoutingManagerTest {

    private static final Cid CID = FakeBlockstore.cid(FakeBlockstore.block(1));
    private static final Cid CHILD = FakeBlockstore.cid(FakeBlockstore.block(2));

    private final ManualTime time = new ManualTime();
    private final ContentRoutingManager manager = Managers.manager(time, false, Runnable::run, 4);
    private final List<PeerInfo> found = new CopyOnWriteArrayList<>();

    private CompletableFuture<Void> find(Cid cid, int limit) {
        found.clear();
        return manager.findProviders(cid, limit, found::add).toCompletableFuture();
    }

    private long metric(String name) {
        return ((Number) manager.report().get(name)).longValue();
    }

    @Test
    void mergesAndDeduplicatesASlowAndAFailingRouter() {
        FakeRouter slow = add(manager, new FakeRouter(), "slow", true);
        FakeRouter failing = add(manager, new FakeRouter(), "failing", true);
        CompletableFuture<Void> done = find(CID, 20);
        assertEquals(List.of(CID), slow.searched, "every router is asked at once");
        assertEquals(List.of(CID), failing.searched);

        failing.report(info(1), info(2)).fail("no route");
        assertEquals(List.of(info(1), info(2)), found);
        assertFalse(done.isDone(), "the slow router is still searching");

        slow.report(info(2), info(3), info(1));
        assertEquals(List.of(info(1), info(2), info(3)), found, "each provider once");
        slow.finish();
        assertTrue(done.isDone());
        assertFalse(done.isCompletedExceptionally(), "one failing router does not fail the search");
        assertEquals(1, metric("router_errors"));
        assertEquals(3, metric("providers_found"));
        assertEquals(0, metric("failed_discoveries"));
    }

    @Test
    void cachedProvidersComeFirstBestRankedAndPeersBackingOffAreSkipped() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        find(CID, 20);
        router.report(info(1), info(2), info(3)).finish();
        manager.recordSuccess(peer(2), Duration.ofMillis(800), 1000);
        manager.recordSuccess(peer(3), Duration.ofMillis(20), 1000);
        manager.recordFailure(peer(1));

        CompletableFuture<Void> done = find(CID, 20);
        assertEquals(List.of(info(3), info(2)), found, "from the cache, before any router answered: fastest first");
        router.report(info(1), info(4), info(3));
        assertEquals(List.of(info(3), info(2), info(4)), found, "peer 1 backs off; peer 3 was reported already");
        router.finish();
        assertTrue(done.isDone());

        time.advance(Duration.ofSeconds(1));
        find(CID, 20);
        assertEquals(List.of(info(3), info(2), info(4), info(1)), found, "its backoff over, peer 1 comes back, last");
    }

    @Test
    void theNodeItselfIsNeverAProvider() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        find(CID, 20);
        router.report(info(0), info(1)).finish();
        assertEquals(List.of(info(1)), found);
    }

    @Test
    void reachingTheLimitEndsTheSearchAndCancelsTheRouters() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        CompletableFuture<Void> done = find(CID, 2);
        router.report(info(1), info(2));
        assertTrue(done.isDone());
        assertTrue(router.cancelled(), "the router's search is cancelled");
        router.report(info(3));
        assertEquals(List.of(info(1), info(2)), found, "nothing is reported after the end");
    }

    @Test
    void theDeadlineEndsTheSearchWithWhatWasFound() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        CompletableFuture<Void> done = find(CID, 20);
        router.report(info(1));
        time.advance(Managers.FIND_TIMEOUT.minusNanos(1));
        assertFalse(done.isDone());
        time.advance(Duration.ofNanos(1));
        assertTrue(done.isDone());
        assertTrue(router.cancelled());
        assertEquals(List.of(info(1)), found);
    }

    @Test
    void cancellingTheSearchCancelsTheRouters() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        find(CID, 20).cancel(true);
        assertTrue(router.cancelled());
        assertEquals(0, time.pending(), "the deadline is cancelled too");
    }

    @Test
    void providersOfADagsRootAreOfferedForItsBlocks() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        manager.relate(CHILD, CID);
        find(CID, 20);
        router.report(info(5)).finish();

        CompletableFuture<Void> done = find(CHILD, 20);
        assertEquals(List.of(info(5)), found, "affinity: the root's provider, before any router answered");
        router.report(info(6)).finish();
        assertTrue(done.isDone());

        find(CID, 20);
        assertEquals(List.of(info(5), info(6)), found, "a provider found for a block is offered for its root too");
    }

    @Test
    void aSearchThatFindsNothingIsAFailedDiscovery() {
        FakeRouter router = add(manager, new FakeRouter(), "r", true);
        find(CID, 20);
        router.finish();
        assertEquals(1, metric("failed_discoveries"));
        assertEquals(1, metric("discoveries"));
    }

    @Test
    void announcesThroughTheRoutersThatAnnounceAndFailsOnlyWhenAllFail() throws Exception {
        FakeRouter dht = add(manager, new FakeRouter(), "dht", true);
        FakeRouter http = add(manager, new FakeRouter(), "http", true);
        FakeRouter connected = add(manager, new FakeRouter(), "connected", false);
        manager.provide(CID).toCompletableFuture().get();
        assertEquals(List.of(CID), dht.announced);
        assertEquals(List.of(CID), http.announced);
        assertEquals(List.of(), connected.announced, "a router that finds only is not asked to announce");

        dht.failAnnouncements("no peers");
        manager.provide(CID).toCompletableFuture().get();
        http.failAnnouncements("503");
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> manager.provide(CID).toCompletableFuture().get());
        assertTrue(failure.getCause().getMessage().contains("router dht: no peers"), failure.getCause().getMessage());
        assertEquals(1, metric("failed_announcements"));
    }

    @Test
    void offlineItNeitherSearchesNorAnnounces() throws Exception {
        ContentRoutingManager offline = Managers.manager(time, true, Runnable::run, 4);
        FakeRouter router = add(offline, new FakeRouter(), "r", true);
        CompletableFuture<Void> done = offline.findProviders(CID, 20, found::add).toCompletableFuture();
        assertTrue(done.isDone());
        offline.provide(CID).toCompletableFuture().get();
        assertEquals(List.of(), router.searched);
        assertEquals(List.of(), router.announced);
        assertEquals(true, offline.report().get("offline"));
    }

    @Test
    void theReportNamesRoutersAndProviders() {
        add(manager, new FakeRouter(), "dht", true);
        add(manager, new FakeRouter(), "connected", false);
        manager.recordSuccess(peer(1), Duration.ofMillis(100), 4096);
        Map<String, Object> report = manager.report();
        assertEquals(List.of("dht", "connected (finds only)"), report.get("routers"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> providers = (List<Map<String, Object>>) report.get("provider_stats");
        assertEquals(peer(1).toBase58(), providers.get(0).get("peer"));
        assertEquals(1.0, providers.get(0).get("success_rate"));
        assertEquals(0.1, (Double) providers.get(0).get("average_latency"), 1e-9);
        assertEquals(4096L, providers.get(0).get("bytes_received"));
    }
}
