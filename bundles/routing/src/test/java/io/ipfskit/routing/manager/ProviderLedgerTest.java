package io.ipfskit.routing.manager;

import static io.ipfskit.routing.manager.Peers.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.routing.concurrent.ManualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderLedgerTest {

    private static final double EPSILON = 1e-9;

    private final ManualTime time = new ManualTime();
    private final ProviderLedger ledger = new ProviderLedger(time, 100);

    @Test
    void scoreIsTheSeedsFormula() {
        assertEquals(0.4 * 0.5 + 0.4 * 1.0 + 0.2 / (1 + 1.0), ledger.score(peer(1)), EPSILON, "an untried peer");

        ledger.success(peer(1), Duration.ofMillis(500), 1000);
        double reputation = 0.5 + 0.5 * 0.1;
        assertEquals(0.4 * reputation + 0.4 * 1.0 + 0.2 / (1 + 0.5), ledger.score(peer(1)), EPSILON);

        ledger.failure(peer(1));
        reputation *= 0.9;
        assertEquals(0.4 * reputation + 0.4 * 0.5 + 0.2 / (1 + 0.5), ledger.score(peer(1)), EPSILON,
                "one success and one failure: success rate 0.5, latency kept");

        ledger.success(peer(1), Duration.ofMillis(1500), 1000);
        reputation += (1 - reputation) * 0.1;
        double latency = 0.8 * 0.5 + 0.2 * 1.5;
        assertEquals(0.4 * reputation + 0.4 * (2 / 3.0) + 0.2 / (1 + latency), ledger.score(peer(1)), EPSILON,
                "latency is a moving mean");
    }

    @Test
    void backoffDoublesPerFailureUpToFiveMinutes() {
        long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300};
        for (long seconds : expectedSeconds) {
            ledger.failure(peer(1));
            time.advance(Duration.ofSeconds(seconds).minusNanos(1));
            assertTrue(ledger.backingOff(peer(1)), "still backing off just before " + seconds + " s");
            time.advance(Duration.ofNanos(1));
            assertFalse(ledger.backingOff(peer(1)), "free after " + seconds + " s");
        }
    }

    @Test
    void aSuccessResetsTheBackoff() {
        for (int i = 0; i < 5; i++) {
            ledger.failure(peer(1));
        }
        assertTrue(ledger.backingOff(peer(1)));
        ledger.success(peer(1), Duration.ofMillis(10), 10);
        assertFalse(ledger.backingOff(peer(1)), "a success clears the backoff at once");
        ledger.failure(peer(1));
        time.advance(Duration.ofSeconds(1));
        assertFalse(ledger.backingOff(peer(1)), "the next failure starts again at 1 s");
    }

    @Test
    void misbehaviourDropsReputationSharply() {
        for (int i = 0; i < 20; i++) {
            ledger.success(peer(1), Duration.ofMillis(10), 10);
            ledger.success(peer(2), Duration.ofMillis(10), 10);
        }
        ledger.failure(peer(2));
        ledger.misbehaviour(peer(1), "sent a block it was not asked for");
        time.advance(ProviderStats.MAX_BACKOFF);
        assertTrue(ledger.score(peer(1)) < ledger.score(peer(2)) - 0.25,
                "a misbehaving peer ranks far below one that merely failed once");
        assertTrue(ledger.score(peer(1)) < ledger.score(peer(3)), "and below an untried peer");
        assertEquals("sent a block it was not asked for", ledger.report(10).stream()
                .filter(e -> e.get("peer").equals(peer(1).toBase58())).findFirst().orElseThrow().get("last_misbehaviour"));
    }

    @Test
    void rankPutsBackingOffPeersLastAndBestFirst() {
        ledger.success(peer(1), Duration.ofMillis(900), 10);
        ledger.success(peer(2), Duration.ofMillis(10), 10);
        ledger.failure(peer(3));
        ledger.success(peer(4), Duration.ofMillis(10), 10);
        ledger.failure(peer(4));
        List<PeerId> ranked = ledger.rank(List.of(peer(3), peer(4), peer(5), peer(1), peer(2)));
        assertEquals(List.of(peer(2), peer(1), peer(5), peer(3), peer(4)).subList(0, 3), ranked.subList(0, 3),
                "fast, then slow, then untried");
        assertEquals(List.of(peer(4), peer(3)), ranked.subList(3, 5), "backing off last, still by score");
    }

    @Test
    void trackedPeersAreBoundedLeastRecentlyUpdatedForgottenFirst() {
        ProviderLedger small = new ProviderLedger(time, 3);
        small.failure(peer(1));
        small.failure(peer(2));
        small.failure(peer(3));
        small.failure(peer(1));
        small.failure(peer(4));
        assertEquals(3, small.size());
        assertFalse(small.backingOff(peer(2)), "peer 2, updated least recently, was forgotten");
        assertTrue(small.backingOff(peer(1)));
        assertTrue(small.backingOff(peer(3)));
        assertTrue(small.backingOff(peer(4)));
    }
}
