package io.ipfskit.transport.ws;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multiaddr.Component;
import io.ipfskit.multiformats.Protocol;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * WebSocket multiaddrs: {@code /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT} followed by {@code /ws}, or by {@code /tls/ws} or
 * {@code /wss} for WebSocket over TLS, optionally ending in {@code /p2p/ID}.
 */
final class WsAddresses {

    private static final Set<Protocol> HOSTS = Set.of(Protocol.IP4, Protocol.IP6, Protocol.DNS, Protocol.DNS4, Protocol.DNS6);
    private static final List<Protocol> PLAIN = List.of(Protocol.WS);
    private static final List<Protocol> SECURE = List.of(Protocol.TLS, Protocol.WS);
    private static final List<Protocol> SECURE_LEGACY = List.of(Protocol.WSS);

    private WsAddresses() {
    }

    /** Whether the address is a WebSocket address, plain or secure. */
    static boolean handles(Multiaddr address) {
        List<Protocol> tail = tail(address);
        return tail != null && (tail.equals(PLAIN) || tail.equals(SECURE) || tail.equals(SECURE_LEGACY));
    }

    /** Whether the address asks for WebSocket over TLS. */
    static boolean secure(Multiaddr address) {
        List<Protocol> tail = tail(address);
        return SECURE.equals(tail) || SECURE_LEGACY.equals(tail);
    }

    /** The socket address of the host and port; DNS names are left unresolved for Netty's resolver. */
    static InetSocketAddress toSocketAddress(Multiaddr address) {
        if (!handles(address)) {
            throw new IllegalArgumentException("not a WebSocket multiaddr: " + address);
        }
        return address.toSocketAddress().orElseThrow(() -> new IllegalArgumentException("no host and port in " + address));
    }

    /** The host name to put in the HTTP request and TLS SNI: a DNS name as written, else the IP address. */
    static String hostName(Multiaddr address) {
        InetSocketAddress socket = toSocketAddress(address);
        return socket.isUnresolved() ? socket.getHostString() : socket.getAddress().getHostAddress();
    }

    /** The WebSocket multiaddr of a resolved socket address ({@code /tls/ws} when secure, as go-libp2p writes it). */
    static Multiaddr toMultiaddr(InetSocketAddress address, boolean secure) {
        Multiaddr tcp = Multiaddr.fromSocket(address, Protocol.TCP);
        return tcp.encapsulate(Multiaddr.parse(secure ? "/tls/ws" : "/ws"));
    }

    /** The protocols after {@code HOST/tcp/PORT} (without a trailing /p2p), or null when the address does not start so. */
    private static List<Protocol> tail(Multiaddr address) {
        List<Component> components = address.withoutPeerId().components();
        int host = components.isEmpty() ? -1 : components.get(0).protocol() == Protocol.IP6ZONE ? 1 : 0;
        if (host < 0 || components.size() < host + 3 || !HOSTS.contains(components.get(host).protocol())
                || components.get(host + 1).protocol() != Protocol.TCP) {
            return null;
        }
        return components.subList(host + 2, components.size()).stream().map(Component::protocol).toList();
    }
}
