package io.ipfskit.routing.blocks;

import static io.ipfskit.routing.testing.FakeBlockstore.block;
import static io.ipfskit.routing.testing.FakeBlockstore.cid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.concurrent.ManualTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class ProvideQueueTest {

    private static final Duration QUIET = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final RecordingRouting routing = new RecordingRouting();
    private final Queue<Runnable> worker = new ArrayDeque<>();
    private final Cid a = cid(block(1));
    private final Cid b = cid(block(2));
    private final Cid c = cid(block(3));

    private final ManualTime time = new ManualTime();

    private ProvideQueue queue(int capacity, int inFlight) {
        return new ProvideQueue(() -> routing, worker::add, time, QUIET, MAX_DELAY, capacity, inFlight);
    }

    private void runWorker() {
        for (Runnable task; (task = worker.poll()) != null; ) {
            task.run();
        }
    }

    private long report(ProvideQueue queue, String key) {
        return ((Number) queue.report().get(key)).longValue();
    }

    @Test
    void anOfferReturnsAtOnceAndTheWorkerAnnouncesInOrder() {
        ProvideQueue queue = queue(16, 1);
        queue.offer(a);
        queue.offer(b);
        assertEquals(List.of(), routing.announced, "nothing is announced on the offering thread");
        runWorker();
        assertEquals(List.of(a, b), routing.announced);
        assertEquals(2, report(queue, "provide_queue_announced"));
        assertEquals(0, report(queue, "provide_queue_waiting"));
    }

    @Test
    void aCidAlreadyWaitingIsAnnouncedOnce() {
        ProvideQueue queue = queue(16, 1);
        queue.offer(a);
        queue.offer(b);
        queue.offer(a);
        runWorker();
        assertEquals(List.of(a, b), routing.announced);
    }

    @Test
    void beyondItsCapacityTheQueueDropsAndCounts() {
        ProvideQueue queue = queue(2, 1);
        queue.offer(a);
        queue.offer(b);
        queue.offer(c);
        assertEquals(2, report(queue, "provide_queue_waiting"));
        assertEquals(1, report(queue, "provide_queue_dropped"));
        runWorker();
        assertEquals(List.of(a, b), routing.announced, "the CID offered to a full queue is never announced");
    }

    @Test
    void atMostInFlightAnnouncementsRunAndAFailureMovesOn() {
        routing.holding = true;
        ProvideQueue queue = queue(16, 2);
        queue.offer(a);
        queue.offer(b);
        queue.offer(c);
        runWorker();
        assertEquals(List.of(a, b), routing.announced, "two under way, the third waits");
        routing.held.get(0).completeExceptionally(new IllegalStateException("no router reached"));
        runWorker();
        assertEquals(List.of(a, b, c), routing.announced);
    }

    @Test
    void withoutARouterWaitingCidsAreDiscarded() {
        ProvideQueue queue = new ProvideQueue(() -> null, worker::add, time, QUIET, MAX_DELAY, 16, 1);
        queue.offer(a);
        runWorker();
        assertEquals(0, report(queue, "provide_queue_waiting"));
        assertEquals(0, report(queue, "provide_queue_announced"));
    }

    @Test
    void announcementsWaitUntilFetchesPause() {
        ProvideQueue queue = queue(16, 2);
        queue.fetching();
        queue.offer(a);
        queue.offer(b);
        runWorker();
        assertEquals(List.of(), routing.announced, "a fetch started just now");
        time.advance(Duration.ofMillis(200));
        queue.fetching();
        runWorker();
        time.advance(Duration.ofMillis(200));
        runWorker();
        assertEquals(List.of(), routing.announced, "another fetch started 200 ms ago");
        time.advance(Duration.ofMillis(50));
        runWorker();
        assertEquals(List.of(a, b), routing.announced, "no fetch started for 250 ms");
    }

    @Test
    void fetchesHoldAnAnnouncementBackAtMostTheLongestDelay() {
        ProvideQueue queue = queue(16, 1);
        queue.offer(a);
        for (int i = 0; i < 99; i++) {
            queue.fetching();
            runWorker();
            assertEquals(List.of(), routing.announced, "fetches keep starting");
            time.advance(Duration.ofMillis(100));
        }
        queue.fetching();
        runWorker();
        assertEquals(List.of(), routing.announced, "9.9 s after the offer");
        time.advance(Duration.ofMillis(100));
        runWorker();
        assertEquals(List.of(a), routing.announced, "10 s after the offer, though a fetch started 100 ms ago");
    }
}
