package io.ipfskit.protocol.identify;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Our addresses as peers see them (identify's {@code observedAddr} on direct connections), go-libp2p's
 * ObservedAddrManager idea in small: an observation counts only when the connection's local end is one of our listen
 * ports (then the address is where a NAT maps that port, which hole punching needs), and an address is confirmed once
 * {@link #THRESHOLD} distinct observer IPs reported it within {@link #TTL}. Bounded in addresses and observers each.
 */
final class ObservedAddresses {

    /**
     * Distinct observer IPs that confirm an address. go-libp2p asks for 4 before it advertises one; we never advertise
     * these, they only go into DCUtR's CONNECT, where a lie costs one failed punch, and a node behind a NAT with one
     * relay (NatIT, and the usual static-relay set-up) has exactly one public observer.
     */
    static final int THRESHOLD = 1;
    /** How long an observation counts without being repeated. */
    static final Duration TTL = Duration.ofMinutes(30);
    /** The most addresses kept (the stalest goes first). */
    static final int MAX_ADDRESSES = 16;
    /** The most observers kept per address. */
    static final int MAX_OBSERVERS = 8;

    /** Observed address to its observers' IPs and when each last said so. */
    private final Map<Multiaddr, Map<InetAddress, Instant>> seen = new LinkedHashMap<>();

    /**
     * Records that the observer said it sees us at {@code observed} on a connection whose local end is {@code local};
     * ignored unless both are IP addresses of the same transport and {@code local}'s port is one of {@code listen}'s.
     */
    synchronized void observed(Multiaddr observed, Multiaddr local, InetAddress observer, List<Multiaddr> listen,
            Instant now) {
        Optional<String> transport = transport(observed);
        if (transport.isEmpty() || observed.valueOf(Protocol.P2P_CIRCUIT).isPresent()
                || !transport.equals(transport(local)) || !listensOn(listen, local)) {
            return;
        }
        // the IP and port, and over UDP the protocol on it (quic-v1): without it the address is dialable by nobody
        List<Multiaddr.Component> parts = observed.components();
        int kept = parts.get(1).protocol() == Protocol.UDP ? Math.min(3, parts.size()) : 2;
        Multiaddr key = Multiaddr.of(parts.subList(0, kept));
        Map<InetAddress, Instant> observers = seen.computeIfAbsent(key, k -> new HashMap<>());
        observers.put(observer, now);
        if (observers.size() > MAX_OBSERVERS) {
            observers.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).ifPresent(observers::remove);
        }
        if (seen.size() > MAX_ADDRESSES) {
            seen.entrySet().stream().min(Comparator.comparing(e -> newest(e.getValue()))).map(Map.Entry::getKey)
                    .ifPresent(seen::remove);
        }
    }

    /** The addresses confirmed now, most recently observed first. */
    synchronized List<Multiaddr> confirmed(Instant now) {
        Instant oldest = now.minus(TTL);
        seen.values().forEach(observers -> observers.values().removeIf(t -> t.isBefore(oldest)));
        seen.values().removeIf(Map::isEmpty);
        List<Map.Entry<Multiaddr, Map<InetAddress, Instant>>> entries = new ArrayList<>(seen.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<Multiaddr, Map<InetAddress, Instant>> e) -> newest(e.getValue()))
                .reversed());
        return entries.stream().filter(e -> e.getValue().size() >= THRESHOLD).map(Map.Entry::getKey).toList();
    }

    private static Instant newest(Map<InetAddress, Instant> observers) {
        return observers.values().stream().max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }

    /** The transport name (tcp, udp) of an address that starts with an IP and a port. */
    private static Optional<String> transport(Multiaddr address) {
        List<Multiaddr.Component> parts = address.components();
        if (parts.size() < 2 || (parts.get(0).protocol() != Protocol.IP4 && parts.get(0).protocol() != Protocol.IP6)
                || (parts.get(1).protocol() != Protocol.TCP && parts.get(1).protocol() != Protocol.UDP)) {
            return Optional.empty();
        }
        return Optional.of(parts.get(1).protocol().name());
    }

    private static boolean listensOn(List<Multiaddr> listen, Multiaddr local) {
        Multiaddr.Component port = local.components().get(1);
        return listen.stream().anyMatch(l -> l.components().size() >= 2 && l.components().get(1).equals(port));
    }
}
