package io.ipfskit.cluster.wire;

import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Admits a cluster message only when its sender is trusted (any sender when no peer is named), it fits its bounds,
 * its HMAC proves the cluster's secret for that sender (pubsub's StrictSign already proved who the sender is), its
 * timestamp is within the allowed clock skew, and its counter is above the last one admitted from that sender (a
 * replay is not). Everything else is dropped and changes nothing. The counters of at most {@link #MAX_SENDERS}
 * senders are kept, least recently heard forgotten first (a forgotten sender's replays are still bounded by the
 * skew window).
 */
public final class MessageGate {

    /** Senders whose last counter is remembered. */
    public static final int MAX_SENDERS = 4096;

    /** Why a message was dropped, for the log and the tests. */
    public enum Drop {
        /** No message was dropped. */
        NONE,
        /** The sender is not among the trusted peers. */
        UNTRUSTED,
        /** Over a bound, not decodable, or a wrong HMAC. */
        MALFORMED,
        /** Its timestamp is outside the allowed clock skew. */
        STALE,
        /** Its counter is not above the last one admitted from the sender. */
        REPLAYED
    }

    private final byte[] secret;
    private final Set<PeerId> trusted;
    private final long skewMillis;
    private final LongSupplier clock;
    private final Map<PeerId, Long> lastCounters = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerId, Long> eldest) {
            return size() > MAX_SENDERS;
        }
    };
    private volatile Drop lastDrop = Drop.NONE;

    /** A gate for the cluster's secret and trusted peers (empty: any peer proving the secret), on this clock (ms). */
    public MessageGate(byte[] secret, Set<PeerId> trusted, Duration maxSkew, LongSupplier clock) {
        this.secret = secret.clone();
        this.trusted = Set.copyOf(trusted);
        this.skewMillis = maxSkew.toMillis();
        this.clock = clock;
    }

    /** The message's body when it passes every check; empty (and {@link #lastDrop()} says why) otherwise. */
    public synchronized Optional<Body> admit(PubSubMessage message) {
        PeerId sender = message.from();
        if (sender == null || !trusted.isEmpty() && !trusted.contains(sender)) {
            return drop(Drop.UNTRUSTED);
        }
        Body body;
        try {
            body = ClusterCodec.open(message.data(), secret, sender);
        } catch (MalformedClusterMessageException e) {
            return drop(Drop.MALFORMED);
        }
        long now = clock.getAsLong();
        if (body.timestampMs() < now - skewMillis || body.timestampMs() > now + skewMillis) {
            return drop(Drop.STALE);
        }
        Long last = lastCounters.get(sender);
        if (last != null && Long.compareUnsigned(body.counter(), last) <= 0) {
            return drop(Drop.REPLAYED);
        }
        lastCounters.put(sender, body.counter());
        lastDrop = Drop.NONE;
        return Optional.of(body);
    }

    /** Why the last message was dropped, or NONE when it was admitted. */
    public Drop lastDrop() {
        return lastDrop;
    }

    private Optional<Body> drop(Drop reason) {
        lastDrop = reason;
        return Optional.empty();
    }
}
