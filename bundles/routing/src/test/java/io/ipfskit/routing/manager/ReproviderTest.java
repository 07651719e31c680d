package io.ipfskit.routing.manager;

import static io.ipfskit.routing.manager.Managers.add;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.testing.FakeBlockstore;
import io.ipfskit.routing.concurrent.ManualTime;
import io.ipfskit.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a blocked wait fails the test instead of hanging the build. */
@Timeout(30)
class ReproviderTest {

    private final ManualTime time = new ManualTime();
    private final FakeBlockstore store = new FakeBlockstore();

    private ContentRoutingManager manager(boolean offline) {
        ContentRoutingManager manager = Managers.manager(time, offline, Runnable::run, 4);
        manager.setBlockstore(store);
        return manager;
    }

    private Map<String, Object> reprovider(ContentRoutingManager manager) {
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) manager.report().get("reprovider");
        return report;
    }

    @Test
    void announcesEveryStoredBlockAfterTheInitialDelayThenEveryInterval() throws Exception {
        List<Cid> stored = List.of(store.add(FakeBlockstore.block(1)), store.add(FakeBlockstore.block(2)),
                store.add(FakeBlockstore.block(3)));
        ContentRoutingManager manager = manager(false);
        FakeRouter dht = add(manager, new FakeRouter(), "dht", true);
        manager.startReprovider();

        time.advance(Managers.FIRST_REPROVIDE.minusNanos(1));
        assertEquals(0, dht.announced.size(), "nothing before the initial delay");
        time.advance(Duration.ofNanos(1));
        assertEquals(3, dht.announced.size());
        assertEquals(stored.stream().map(Cid::multihash).sorted(java.util.Comparator.comparing(Object::toString)).toList(),
                dht.announced.stream().map(Cid::multihash).sorted(java.util.Comparator.comparing(Object::toString)).toList(),
                "every stored block, by multihash");

        time.advance(Managers.REPROVIDE_INTERVAL.minusNanos(1));
        assertEquals(3, dht.announced.size());
        time.advance(Duration.ofNanos(1));
        assertEquals(6, dht.announced.size(), "again after 22 h");

        manager.reprovideNow().get();
        assertEquals(9, dht.announced.size(), "and on demand");
        Map<String, Object> report = reprovider(manager);
        assertEquals(3L, report.get("runs"));
        assertEquals("announced 3 blocks", report.get("last_result"));
        assertEquals(9L, report.get("total_announced"));
        assertEquals(time.now().plus(Managers.REPROVIDE_INTERVAL).toString(), report.get("next_run"));

        manager.close();
        time.advance(Managers.REPROVIDE_INTERVAL);
        assertEquals(9, dht.announced.size(), "a closed manager reprovides no more");
    }

    @Test
    void withNoRouterThatAnnouncesItIsANoOpThatSaysSo() throws Exception {
        store.add(FakeBlockstore.block(1));
        ContentRoutingManager manager = manager(false);
        FakeRouter connected = add(manager, new FakeRouter(), "connected", false);
        manager.reprovideNow().get();
        assertEquals(List.of(), connected.announced);
        assertEquals("no-op: no router announces content (routers: connected)", reprovider(manager).get("last_result"));
    }

    @Test
    void offlineItIsANoOpThatSaysSo() throws Exception {
        store.add(FakeBlockstore.block(1));
        ContentRoutingManager manager = manager(true);
        FakeRouter dht = add(manager, new FakeRouter(), "dht", true);
        manager.reprovideNow().get();
        assertEquals(List.of(), dht.announced);
        assertEquals("no-op: the node is offline", reprovider(manager).get("last_result"));
    }

    @Test
    void keepsAtMostTheConfiguredAnnouncementsInFlight() throws Exception {
        for (int n = 0; n < 6; n++) {
            store.add(FakeBlockstore.block(n));
        }
        Thread[] runner = {null};
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> runner[0] = new Thread(task, "reprovide-test"));
        try {
            ContentRoutingManager manager = Managers.manager(time, false, worker, 2);
            manager.setBlockstore(store);
            PendingRouter router = add(manager, new PendingRouter(), "dht", true);
            CompletableFuture<Void> run = manager.reprovideNow();
            for (int completed = 0; completed < 6; completed++) {
                Await.until("the reprovider to wait for a free slot or the last announcements", Duration.ofSeconds(10),
                        () -> !router.pending.isEmpty() && runner[0].getState() == Thread.State.WAITING);
                assertTrue(router.pending.size() <= 2, "in flight: " + router.pending.size());
                router.pending.poll().complete(null);
            }
            run.get(10, TimeUnit.SECONDS);
            assertEquals(6, router.announced);
            assertEquals("announced 6 blocks", reprovider(manager).get("last_result"));
        } finally {
            worker.shutdownNow();
        }
    }

    /** A router whose announcements complete when the test says. */
    private static final class PendingRouter implements ContentRouter {
        final ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        volatile int announced;

        @Override
        public CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> provide(Cid cid) {
            CompletableFuture<Void> announcement = new CompletableFuture<>();
            pending.add(announcement);
            announced++;
            return announcement;
        }
    }
}
