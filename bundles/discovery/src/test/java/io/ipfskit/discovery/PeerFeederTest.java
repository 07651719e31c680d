package io.ipfskit.discovery;

import static io.ipfskit.discovery.FakeNetwork.info;
import static io.ipfskit.discovery.FakeNetwork.peer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeerFeederTest {

    private final FakeNetwork network = new FakeNetwork();
    private final AtomicLong clock = new AtomicLong();

    private PeerFeeder feeder(int target, int inFlight, int candidates) {
        return new PeerFeeder(network, new FeederLimits(target, inFlight, candidates, Duration.ofSeconds(30),
                Duration.ofSeconds(100), 4), clock::get, Runnable::run);
    }

    @Test
    void dialsReportedPeersOnlyUpToTheConnectionTarget() {
        PeerFeeder feeder = feeder(2, 8, 16);
        for (String name : List.of("a", "b", "c", "d")) {
            feeder.offer("bootstrap", info(name));
        }
        assertEquals(List.of(peer("a"), peer("b")), network.dials(), "two dials fill a target of two");
        network.succeed("a");
        network.succeed("b");
        assertEquals(2, network.dials().size(), "at the target nothing more is dialled");

        network.connected.remove(peer("a"));
        feeder.wake();
        assertEquals(List.of(peer("a"), peer("b"), peer("c")), network.dials(), "a closed connection makes room");
        assertEquals(new SourceStats(4, 3, 2, 0), feeder.stats().get("bootstrap"));
    }

    @Test
    void keepsAtMostTheDialsInFlightAllowed() {
        PeerFeeder feeder = feeder(100, 2, 16);
        for (String name : List.of("a", "b", "c")) {
            feeder.offer("dht", info(name));
        }
        assertEquals(2, network.dials().size());
        network.fail("a");
        assertEquals(List.of(peer("a"), peer("b"), peer("c")), network.dials(), "a finished dial lets the next one start");
    }

    @Test
    void aPeerWhoseDialFailedBacksOffLongerAtEachFailure() {
        PeerFeeder feeder = feeder(100, 8, 16);
        feeder.offer("bootstrap", info("a"));
        network.fail("a");
        feeder.offer("bootstrap", info("a"));
        assertEquals(1, network.dials().size(), "reported again during its backoff: not dialled");

        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        feeder.offer("bootstrap", info("a"));
        assertEquals(2, network.dials().size(), "dialled again after 30 s");
        network.fail("a");

        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        feeder.offer("bootstrap", info("a"));
        assertEquals(2, network.dials().size(), "the second failure waits 60 s");
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        feeder.offer("bootstrap", info("a"));
        assertEquals(3, network.dials().size());
        network.succeed("a");
        assertEquals(new SourceStats(5, 3, 1, 2), feeder.stats().get("bootstrap"));
    }

    @Test
    void neverDialsItselfAConnectedPeerOrOneBeingDialled() {
        PeerFeeder feeder = feeder(100, 8, 16);
        network.connected.add(peer("connected"));
        feeder.offer("dht", new io.ipfskit.api.discovery.PeerInfo(FakeNetwork.SELF, List.of()));
        feeder.offer("dht", info("connected"));
        feeder.offer("dht", info("a"));
        feeder.offer("random-walk", info("a"));
        assertEquals(List.of(peer("a")), network.dials());
    }

    @Test
    void waitingPeersAreBoundedAndAStrategyThatLeavesTakesItsOwnAlong() {
        PeerFeeder feeder = feeder(0, 8, 16);
        for (int i = 0; i < 1000; i++) {
            feeder.offer("flood", info("flood" + i));
        }
        feeder.offer("bootstrap", info("b"));
        assertEquals(16, feeder.queues()[0], "waiting peers are bounded");
        feeder.forget("flood");
        assertArrayEquals(new int[] {1, 0, 0}, feeder.queues(), "only the bootstrap peer still waits");
    }

    @Test
    void failingPeersRememberedAreBounded() {
        PeerFeeder feeder = feeder(100, 100, 100);
        for (int i = 0; i < 10; i++) {
            feeder.offer("flood", info("x" + i));
            network.fail("x" + i);
        }
        assertEquals(4, feeder.queues()[2], "at most the backoff capacity is remembered");
    }

    @Test
    void afterCloseNothingIsDialled() {
        PeerFeeder feeder = feeder(100, 8, 16);
        feeder.close();
        feeder.offer("bootstrap", info("a"));
        feeder.wake();
        assertEquals(List.of(), network.dials());
    }
}
