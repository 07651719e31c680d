package io.ipfskit.host.internal;

import io.ipfskit.multiformats.PeerId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bytes carried by the host's streams, as kubo's {@code stats/bw} reports them: in and out in all, by protocol and by
 * peer, each with a rate. At most {@link #MAX_PEERS} peers are followed: beyond that the one idle longest is dropped.
 */
public final class Bandwidth {

    /** Peers whose traffic is kept apart. */
    static final int MAX_PEERS = 4096;

    /** Totals and rates (bytes per second) of one key; what {@code stats/bw} prints. */
    public record Snapshot(long totalIn, long totalOut, double rateIn, double rateOut) {
        /** Nothing carried. */
        public static final Snapshot NONE = new Snapshot(0, 0, 0, 0);
    }

    private final LongSupplier clock;
    private final Traffic total;
    private final Map<String, Traffic> protocols = new ConcurrentHashMap<>();
    private final Map<PeerId, Traffic> peers = new ConcurrentHashMap<>();

    /** Counts against the clock (nanoseconds). */
    Bandwidth(LongSupplier clock) {
        this.clock = clock;
        this.total = new Traffic(clock.getAsLong());
    }

    /** Bytes a stream of the protocol received from the peer. */
    void received(PeerId peer, String protocol, int bytes) {
        long now = clock.getAsLong();
        total.in.add(bytes, now);
        protocols.computeIfAbsent(protocol, p -> new Traffic(now)).in.add(bytes, now);
        peer(peer, now).in.add(bytes, now);
    }

    /** Bytes a stream of the protocol sent to the peer. */
    void sent(PeerId peer, String protocol, int bytes) {
        long now = clock.getAsLong();
        total.out.add(bytes, now);
        protocols.computeIfAbsent(protocol, p -> new Traffic(now)).out.add(bytes, now);
        peer(peer, now).out.add(bytes, now);
    }

    /** Everything the streams carried. */
    public Snapshot total() {
        return total.snapshot(clock.getAsLong());
    }

    /** What streams of the protocol carried, if any did. */
    public Optional<Snapshot> protocol(String protocol) {
        return Optional.ofNullable(protocols.get(protocol)).map(t -> t.snapshot(clock.getAsLong()));
    }

    /** What streams with the peer carried, if any did (and the peer is still followed). */
    public Optional<Snapshot> peer(PeerId peer) {
        return Optional.ofNullable(peers.get(peer)).map(t -> t.snapshot(clock.getAsLong()));
    }

    private Traffic peer(PeerId peer, long now) {
        Traffic traffic = peers.get(peer);
        if (traffic == null) {
            if (peers.size() >= MAX_PEERS) {
                peers.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().lastUsed))
                        .ifPresent(e -> peers.remove(e.getKey(), e.getValue()));
            }
            traffic = peers.computeIfAbsent(peer, p -> new Traffic(now));
        }
        traffic.lastUsed = now;
        return traffic;
    }

    /** Both directions of one key. */
    private static final class Traffic {
        final Rate in;
        final Rate out;
        volatile long lastUsed;

        Traffic(long now) {
            in = new Rate(now);
            out = new Rate(now);
            lastUsed = now;
        }

        Snapshot snapshot(long now) {
            return new Snapshot(in.total(now), out.total(now), in.rate(now), out.rate(now));
        }
    }

    /**
     * A byte count and its rate: an exponentially weighted average of each whole second's bytes, the last second
     * weighing 1 − 1/e (a burst fades within a few seconds, as go-libp2p's meters do).
     */
    static final class Rate {
        private static final long SECOND = 1_000_000_000L;
        private static final double ALPHA = 1 - Math.exp(-1);
        private long total;
        private long totalAtTick;
        private long tick;
        private double rate;

        Rate(long now) {
            tick = now;
        }

        synchronized void add(long bytes, long now) {
            advance(now);
            total += bytes;
        }

        synchronized long total(long now) {
            advance(now);
            return total;
        }

        synchronized double rate(long now) {
            advance(now);
            return rate;
        }

        /** Folds each whole second since the last tick into the rate: the first with its bytes, the others empty. */
        private void advance(long now) {
            long seconds = (now - tick) / SECOND;
            if (seconds <= 0) {
                return;
            }
            rate += ALPHA * ((total - totalAtTick) - rate);
            rate = seconds > 64 ? 0 : rate * Math.pow(1 - ALPHA, seconds - 1);
            totalAtTick = total;
            tick += seconds * SECOND;
        }
    }
}
