package io.ipfskit.discovery;

import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-peer exponential backoff after failed dials: the first failure waits {@code initial}, each further one twice as
 * long, up to {@code max}; a success forgets the peer. Remembers at most {@code capacity} peers (the oldest go first),
 * so a flood of unreachable peers cannot grow it. Not thread-safe: the feeder guards it.
 */
final class Backoff {

    private record Entry(int failures, long untilNanos) {
    }

    private final long initialNanos;
    private final long maxNanos;
    private final Map<PeerId, Entry> peers;

    Backoff(Duration initial, Duration max, int capacity) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.peers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PeerId, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether the peer may not be dialled at {@code now}. */
    boolean backingOff(PeerId peer, long now) {
        Entry entry = peers.get(peer);
        return entry != null && now - entry.untilNanos < 0;
    }

    /** Records a failed dial at {@code now}; returns how long the peer now waits. */
    Duration failed(PeerId peer, long now) {
        Entry previous = peers.remove(peer);
        int failures = previous == null ? 1 : previous.failures + 1;
        long wait = initialNanos;
        for (int i = 1; i < failures && wait < maxNanos; i++) {
            wait *= 2;
        }
        wait = Math.min(wait, maxNanos);
        peers.put(peer, new Entry(failures, now + wait));
        return Duration.ofNanos(wait);
    }

    /** Records a successful dial: the peer starts afresh. */
    void succeeded(PeerId peer) {
        peers.remove(peer);
    }

    /** Peers remembered. */
    int size() {
        return peers.size();
    }
}
