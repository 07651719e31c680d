package io.ipfskit.transport.quic;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** Converts between QUIC multiaddrs ({@code /ip4|ip6/HOST/udp/PORT/quic-v1[/p2p/ID]}) and socket addresses. */
final class QuicAddresses {

    private QuicAddresses() {
    }

    /** Whether the multiaddr is exactly an IP, a UDP port and {@code quic-v1} (with an optional trailing peer id). */
    static boolean handles(Multiaddr address) {
        return socketAddress(address).isPresent();
    }

    /** The socket address of a QUIC multiaddr; throws if it is not one. */
    static InetSocketAddress toSocketAddress(Multiaddr address) {
        return socketAddress(address).orElseThrow(() -> new IllegalArgumentException("not a quic-v1 multiaddr: " + address));
    }

    private static Optional<InetSocketAddress> socketAddress(Multiaddr address) {
        List<Multiaddr.Component> parts = address.withoutPeerId().components();
        if (parts.size() != 3 || parts.get(1).protocol() != Protocol.UDP || parts.get(2).protocol() != Protocol.QUIC_V1) {
            return Optional.empty();
        }
        Protocol host = parts.get(0).protocol();
        if (host != Protocol.IP4 && host != Protocol.IP6) {
            return Optional.empty();
        }
        return address.withoutPeerId().toSocketAddress().filter(s -> !s.isUnresolved());
    }

    /** The QUIC multiaddr of a resolved socket address. */
    static Multiaddr toMultiaddr(InetSocketAddress address) {
        InetSocketAddress unscoped = new InetSocketAddress(unscoped(address), address.getPort());
        return Multiaddr.fromSocket(unscoped, Protocol.UDP).encapsulate(Multiaddr.parse("/quic-v1"));
    }

    private static java.net.InetAddress unscoped(InetSocketAddress address) {
        try {
            return java.net.InetAddress.getByAddress(address.getAddress().getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
