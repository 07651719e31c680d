package io.ipfskit.transport.tcp;

import io.ipfskit.multiformats.Multiaddr;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts between TCP multiaddrs ({@code /ip4|ip6|dns|dns4|dns6/HOST/tcp/PORT[/p2p/ID]}) and socket addresses. */
final class TcpAddresses {

    private static final Pattern TCP = Pattern.compile("^/(ip4|ip6|dns|dns4|dns6)/([^/]+)/tcp/(\\d{1,5})(/p2p/[^/]+)?$");

    private TcpAddresses() {
    }

    /** Whether the multiaddr is a TCP address this transport understands. */
    static boolean handles(Multiaddr address) {
        Matcher m = TCP.matcher(address.toString());
        return m.matches() && Integer.parseInt(m.group(3)) <= 65535;
    }

    /** The socket address of a TCP multiaddr; DNS names are left unresolved for Netty's resolver. */
    static InetSocketAddress toSocketAddress(Multiaddr address) {
        Matcher m = TCP.matcher(address.toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a TCP multiaddr: " + address);
        }
        int port = Integer.parseInt(m.group(3));
        return m.group(1).startsWith("dns") ? InetSocketAddress.createUnresolved(m.group(2), port)
                : new InetSocketAddress(m.group(2), port);
    }

    /** The TCP multiaddr of a resolved socket address. */
    static Multiaddr toMultiaddr(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        int scope = host.indexOf('%');
        if (scope >= 0) {
            host = host.substring(0, scope);
        }
        String family = address.getAddress() instanceof Inet6Address ? "ip6" : "ip4";
        return Multiaddr.parse("/" + family + "/" + host + "/tcp/" + address.getPort());
    }
}
