package io.ipfskit.host.internal;

import io.ipfskit.api.net.Direction;
import io.ipfskit.multiformats.PeerId;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what remote peers hold of the host (handshakes under way, connections, streams) against {@link ResourceLimits}
 * and refuses what would pass them. Each admission returns a {@link Lease} to close when the resource goes, or null
 * when refused; refusals are counted by what they protect.
 */
final class ResourceManager {

    /** What a refusal protected. */
    enum Refused {
        PENDING_HANDSHAKES, PENDING_HANDSHAKES_PER_IP, INBOUND_CONNECTIONS, CONNECTIONS, CONNECTIONS_PER_PEER,
        INBOUND_STREAMS, INBOUND_STREAMS_PER_PEER, OUTBOUND_STREAMS, OUTBOUND_STREAMS_PER_PEER
    }

    /** A resource held until {@link #close()} (which only the first call does). */
    static final class Lease {
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final Runnable release;

        private Lease(Runnable release) {
            this.release = release;
        }

        void close() {
            if (open.compareAndSet(true, false)) {
                release.run();
            }
        }
    }

    private volatile ResourceLimits limits;
    private int pending;
    private final Map<InetAddress, Integer> pendingByIp = new HashMap<>();
    private int inbound;
    private int connections;
    private final Map<PeerId, Integer> connectionsByPeer = new HashMap<>();
    private int inboundStreams;
    private int outboundStreams;
    /** Per peer: open inbound streams at index 0, outbound at 1. */
    private final Map<PeerId, int[]> streamsByPeer = new HashMap<>();
    private final Map<Refused, AtomicLong> refused = new EnumMap<>(Refused.class);

    ResourceManager(ResourceLimits limits) {
        this.limits = limits;
        for (Refused kind : Refused.values()) {
            refused.put(kind, new AtomicLong());
        }
    }

    /** Applies new limits to later admissions (what is held stays). */
    void limits(ResourceLimits value) {
        this.limits = value;
    }

    /** Admits the handshake of a connection just accepted from {@code ip} (null when the transport has none). */
    synchronized Lease handshake(InetAddress ip) {
        ResourceLimits l = limits;
        boolean perIp = ip != null && !ip.isLoopbackAddress();
        Refused refusal = pending >= l.pendingHandshakes() ? Refused.PENDING_HANDSHAKES
                : perIp && pendingByIp.getOrDefault(ip, 0) >= l.pendingHandshakesPerIp() ? Refused.PENDING_HANDSHAKES_PER_IP
                : pending + inbound >= l.inboundConnections() ? Refused.INBOUND_CONNECTIONS
                : pending + connections >= l.connections() ? Refused.CONNECTIONS : null;
        if (refusal != null) {
            return refuse(refusal);
        }
        pending++;
        if (perIp) {
            pendingByIp.merge(ip, 1, Integer::sum);
        }
        return new Lease(() -> {
            synchronized (this) {
                pending--;
                if (perIp) {
                    pendingByIp.computeIfPresent(ip, (k, n) -> n > 1 ? n - 1 : null);
                }
            }
        });
    }

    /** Admits an upgraded connection; an inbound one is refused when its peer has as many as it may. */
    synchronized Lease connection(PeerId peer, Direction direction) {
        boolean in = direction == Direction.INBOUND;
        if (in && connectionsByPeer.getOrDefault(peer, 0) >= limits.connectionsPerPeer()) {
            return refuse(Refused.CONNECTIONS_PER_PEER);
        }
        connections++;
        inbound += in ? 1 : 0;
        connectionsByPeer.merge(peer, 1, Integer::sum);
        return new Lease(() -> {
            synchronized (this) {
                connections--;
                inbound -= in ? 1 : 0;
                connectionsByPeer.computeIfPresent(peer, (k, n) -> n > 1 ? n - 1 : null);
            }
        });
    }

    /** Admits a stream to or from the peer within the totals and the peer's share, counted per direction. */
    synchronized Lease stream(PeerId peer, Direction direction) {
        ResourceLimits l = limits;
        boolean in = direction == Direction.INBOUND;
        int[] ofPeer = streamsByPeer.getOrDefault(peer, new int[2]);
        int side = in ? 0 : 1;
        Refused refusal = in
                ? inboundStreams >= l.inboundStreams() ? Refused.INBOUND_STREAMS
                : ofPeer[side] >= l.inboundStreamsPerPeer() ? Refused.INBOUND_STREAMS_PER_PEER : null
                : outboundStreams >= l.outboundStreams() ? Refused.OUTBOUND_STREAMS
                : ofPeer[side] >= l.outboundStreamsPerPeer() ? Refused.OUTBOUND_STREAMS_PER_PEER : null;
        if (refusal != null) {
            return refuse(refusal);
        }
        ofPeer[side]++;
        streamsByPeer.putIfAbsent(peer, ofPeer);
        if (in) {
            inboundStreams++;
        } else {
            outboundStreams++;
        }
        return new Lease(() -> {
            synchronized (this) {
                if (in) {
                    inboundStreams--;
                } else {
                    outboundStreams--;
                }
                int[] now = streamsByPeer.get(peer);
                if (now != null && --now[side] == 0 && now[1 - side] == 0) {
                    streamsByPeer.remove(peer);
                }
            }
        });
    }

    private Lease refuse(Refused kind) {
        refused.get(kind).incrementAndGet();
        return null;
    }

    /** How many of each were refused so far. */
    long refused(Refused kind) {
        return refused.get(kind).get();
    }

    /** The limits, what is held now, and what was refused, by name. */
    synchronized ResourceSnapshot snapshot() {
        ResourceLimits l = limits;
        Map<String, Integer> limitsByName = new LinkedHashMap<>();
        limitsByName.put("PendingHandshakes", l.pendingHandshakes());
        limitsByName.put("PendingHandshakesPerIP", l.pendingHandshakesPerIp());
        limitsByName.put("InboundConnections", l.inboundConnections());
        limitsByName.put("Connections", l.connections());
        limitsByName.put("ConnectionsPerPeer", l.connectionsPerPeer());
        limitsByName.put("InboundStreams", l.inboundStreams());
        limitsByName.put("OutboundStreams", l.outboundStreams());
        limitsByName.put("InboundStreamsPerPeer", l.inboundStreamsPerPeer());
        limitsByName.put("OutboundStreamsPerPeer", l.outboundStreamsPerPeer());
        Map<String, Integer> usage = new LinkedHashMap<>();
        usage.put("PendingHandshakes", pending);
        usage.put("InboundConnections", inbound);
        usage.put("Connections", connections);
        usage.put("InboundStreams", inboundStreams);
        usage.put("OutboundStreams", outboundStreams);
        Map<String, Long> refusals = new LinkedHashMap<>();
        refused.forEach((kind, count) -> refusals.put(ResourceSnapshot.name(kind), count.get()));
        return new ResourceSnapshot(limitsByName, usage, refusals);
    }
}
