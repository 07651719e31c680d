package io.ipfskit.host.internal;

import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Exponential dial backoff per peer: 5 s after a failed dial, doubling up to 5 min, cleared by a success; bounded. */
final class DialBackoff {

    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofMinutes(5);

    private record Entry(Instant until, Duration delay) {
    }

    private final Map<PeerId, Entry> entries = new ConcurrentHashMap<>();
    private final int maxPeers;

    DialBackoff(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    /** How long dials to the peer are still refused, if they are. */
    Optional<Duration> remaining(PeerId peer, Instant now) {
        Entry e = entries.get(peer);
        return e == null || !now.isBefore(e.until()) ? Optional.empty() : Optional.of(Duration.between(now, e.until()));
    }

    /** Records a failed dial, doubling the peer's delay. */
    void failed(PeerId peer, Instant now) {
        if (entries.size() >= maxPeers) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= maxPeers) {
                return;
            }
        }
        entries.merge(peer, new Entry(now.plus(FIRST), FIRST), (old, fresh) -> {
            Duration delay = old.delay().multipliedBy(2).compareTo(MAX) > 0 ? MAX : old.delay().multipliedBy(2);
            return new Entry(now.plus(delay), delay);
        });
    }

    /** Forgets the peer's backoff. */
    void clear(PeerId peer) {
        entries.remove(peer);
    }
}
