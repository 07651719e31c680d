package io.ipfskit.relay;

import io.ipfskit.multiformats.PeerId;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The relay's account of reservations and circuits under its {@link RelayLimits}: a peer holds one reservation (asking
 * again refreshes it), expired ones are forgotten, and circuits are leases released when they end.
 */
final class ReservationTable {

    /** Why a request was refused, or null when it was granted. */
    enum Refusal { TOO_MANY_RESERVATIONS, TOO_MANY_FROM_IP, TOO_MANY_CIRCUITS }

    private record Held(InetAddress ip, Instant expires) {
    }

    private final RelayLimits limits;
    private final Map<PeerId, Held> reservations = new HashMap<>();
    private final Map<PeerId, Integer> circuitsByPeer = new HashMap<>();
    private int circuits;

    ReservationTable(RelayLimits limits) {
        this.limits = limits;
    }

    /** Grants or refreshes the peer's reservation until {@code now + ttl}; the refusal otherwise. */
    synchronized Refusal reserve(PeerId peer, InetAddress ip, Instant now) {
        reservations.values().removeIf(h -> !h.expires().isAfter(now));
        Held previous = reservations.get(peer);
        if (previous == null) {
            if (reservations.size() >= limits.maxReservations()) {
                return Refusal.TOO_MANY_RESERVATIONS;
            }
            long fromIp = ip == null ? 0 : reservations.values().stream().filter(h -> ip.equals(h.ip())).count();
            if (fromIp >= limits.maxReservationsPerIp()) {
                return Refusal.TOO_MANY_FROM_IP;
            }
        }
        reservations.put(peer, new Held(ip, now.plus(limits.reservationTtl())));
        return null;
    }

    /** Whether the peer holds an unexpired reservation. */
    synchronized boolean holds(PeerId peer, Instant now) {
        Held held = reservations.get(peer);
        return held != null && held.expires().isAfter(now);
    }

    /** Forgets the peer's reservation (its connection to us closed). */
    synchronized void drop(PeerId peer) {
        reservations.remove(peer);
    }

    /** The reservations held now. */
    synchronized int reservations() {
        return reservations.size();
    }

    /** A circuit between the two peers, or null (the refusal is over a limit); close the lease when it ends. */
    synchronized Lease circuit(PeerId source, PeerId target) {
        if (circuits >= limits.maxCircuits() || count(source) >= limits.maxCircuitsPerPeer()
                || count(target) >= limits.maxCircuitsPerPeer()) {
            return null;
        }
        circuits++;
        circuitsByPeer.merge(source, 1, Integer::sum);
        circuitsByPeer.merge(target, 1, Integer::sum);
        return new Lease(source, target);
    }

    /** The circuits open now. */
    synchronized int circuits() {
        return circuits;
    }

    private int count(PeerId peer) {
        return circuitsByPeer.getOrDefault(peer, 0);
    }

    private synchronized void release(PeerId source, PeerId target) {
        circuits--;
        circuitsByPeer.computeIfPresent(source, (p, n) -> n > 1 ? n - 1 : null);
        circuitsByPeer.computeIfPresent(target, (p, n) -> n > 1 ? n - 1 : null);
    }

    /** One circuit's hold on the table; closing it more than once releases it once. */
    final class Lease implements AutoCloseable {

        private final PeerId source;
        private final PeerId target;
        private boolean closed;

        private Lease(PeerId source, PeerId target) {
            this.source = Objects.requireNonNull(source);
            this.target = Objects.requireNonNull(target);
        }

        @Override
        public void close() {
            synchronized (ReservationTable.this) {
                if (!closed) {
                    closed = true;
                    release(source, target);
                }
            }
        }
    }
}
