package io.ipfskit.relay;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The addresses of a DCUtR exchange: what we offer in CONNECT, and whether a punch goes over QUIC. Observed addresses
 * come from connections on our listen ports, which QUIC's ordinary dials (from a socket of their own) never are: so each
 * observed IP with each QUIC listen port stands for the NAT's mapping of that port, right for a NAT that keeps a source
 * port while it is free (Linux masquerade, most home routers).
 */
final class PunchAddresses {

    private PunchAddresses() {
    }

    /**
     * Our observed addresses, the QUIC addresses their IPs imply for our QUIC listen ports, then our listen addresses;
     * nothing relayed, at most {@code max}.
     */
    static List<Multiaddr> offer(List<Multiaddr> observed, List<Multiaddr> listen, int max) {
        Set<Multiaddr> out = new LinkedHashSet<>(observed);
        for (Multiaddr at : observed) {
            listen.stream().filter(l -> quic(l) && sameFamily(at, l)).map(l -> withIpOf(at, l)).forEach(out::add);
        }
        out.addAll(listen);
        return out.stream().filter(a -> !HopService.relayed(a)).limit(max).toList();
    }

    /** Whether both sides offered a QUIC address. */
    static boolean bothQuic(List<Multiaddr> ours, List<Multiaddr> theirs) {
        return ours.stream().anyMatch(PunchAddresses::quic) && theirs.stream().anyMatch(PunchAddresses::quic);
    }

    /**
     * Whether an attempt punches over QUIC: when both sides offered QUIC, except that the last attempt goes over TCP
     * when both offered that too (a network that drops UDP still gets a TCP punch).
     */
    static boolean quicAttempt(List<Multiaddr> ours, List<Multiaddr> theirs, int attempt, int attempts) {
        boolean bothTcp = !notQuic(ours).isEmpty() && !notQuic(theirs).isEmpty();
        return bothQuic(ours, theirs) && !(attempt == attempts && bothTcp);
    }

    /** The addresses that are not QUIC's (TCP ones, for a simultaneous open). */
    static List<Multiaddr> notQuic(List<Multiaddr> addresses) {
        return addresses.stream().filter(a -> !quic(a)).toList();
    }

    /** The QUIC addresses among these. */
    static List<Multiaddr> quic(List<Multiaddr> addresses) {
        return addresses.stream().filter(PunchAddresses::quic).toList();
    }

    static boolean quic(Multiaddr address) {
        return address.valueOf(Protocol.QUIC_V1).isPresent();
    }

    private static boolean sameFamily(Multiaddr a, Multiaddr b) {
        return !a.components().isEmpty() && !b.components().isEmpty()
                && a.components().get(0).protocol() == b.components().get(0).protocol();
    }

    /** The listen address with the IP of {@code observed} (both of one family). */
    private static Multiaddr withIpOf(Multiaddr observed, Multiaddr listen) {
        List<Multiaddr.Component> parts = new ArrayList<>(listen.components());
        parts.set(0, observed.components().get(0));
        return Multiaddr.of(parts);
    }
}
