package io.ipfskit.host.internal;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders a peer's addresses as go-libp2p's default dial ranker does: QUIC first, then TCP and the other direct
 * transports, relayed addresses last; a TCP dial starts a short while after the QUIC dial before it (30 ms on loopback
 * and private networks, 250 ms on public ones, RFC 8305's estimate of a round trip) unless that one fails sooner.
 */
final class DialRanking {

    static final Duration PRIVATE_TCP_DELAY = Duration.ofMillis(30);
    static final Duration PUBLIC_TCP_DELAY = Duration.ofMillis(250);

    private DialRanking() {
    }

    /** The addresses in dialling order; the sort is stable, so equal ranks keep the peerstore's order. */
    static List<Multiaddr> rank(List<Multiaddr> addresses) {
        return addresses.stream().sorted(Comparator.comparingInt(DialRanking::rank)).toList();
    }

    private static int rank(Multiaddr address) {
        if (has(address, Protocol.P2P_CIRCUIT)) {
            return 2;
        }
        return quic(address) ? 0 : 1;
    }

    /**
     * How long after dialling {@code previous} to dial {@code next} if the first has not finished; empty when {@code next}
     * waits until {@code previous} fails.
     */
    static Optional<Duration> delay(Multiaddr previous, Multiaddr next) {
        if (!quic(previous) || quic(next) || has(next, Protocol.P2P_CIRCUIT)) {
            return Optional.empty();
        }
        return Optional.of(isPrivate(next) ? PRIVATE_TCP_DELAY : PUBLIC_TCP_DELAY);
    }

    static boolean quic(Multiaddr address) {
        return has(address, Protocol.QUIC_V1);
    }

    private static boolean has(Multiaddr address, Protocol protocol) {
        return address.components().stream().anyMatch(c -> c.protocol() == protocol);
    }

    private static boolean isPrivate(Multiaddr address) {
        InetAddress ip = address.toSocketAddress().map(s -> s.getAddress()).orElse(null);
        return ip != null && (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress());
    }
}
