package io.ipfskit.relay;

import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many dial-backs the AutoNAT server makes (go-libp2p's throttle): at most {@code perPeer} for one peer and
 * {@code global} in all within any {@code window}. It remembers at most {@code global} dial-backs, so it stays bounded.
 */
final class DialBackBudget {

    private record Spent(PeerId peer, Instant at) {
    }

    private final int perPeer;
    private final int global;
    private final Duration window;
    private final Deque<Spent> spent = new ArrayDeque<>();

    DialBackBudget(int perPeer, int global, Duration window) {
        this.perPeer = perPeer;
        this.global = global;
        this.window = window;
    }

    /** go-libp2p's defaults: 3 per peer and 30 in all per minute. */
    static DialBackBudget defaults() {
        return new DialBackBudget(3, 30, Duration.ofMinutes(1));
    }

    /** Takes one dial-back for the peer, or returns false when the peer or everyone spent theirs. */
    synchronized boolean take(PeerId peer, Instant now) {
        while (!spent.isEmpty() && !spent.peekFirst().at().plus(window).isAfter(now)) {
            spent.removeFirst();
        }
        if (spent.size() >= global || spent.stream().filter(s -> s.peer().equals(peer)).count() >= perPeer) {
            return false;
        }
        spent.addLast(new Spent(peer, now));
        return true;
    }
}
