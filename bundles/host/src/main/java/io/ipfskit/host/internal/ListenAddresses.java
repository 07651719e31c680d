package io.ipfskit.host.internal;

import io.ipfskit.multiformats.Multiaddr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expands a wildcard listen address ({@code /ip4/0.0.0.0/...}, {@code /ip6/::/...}) to the interfaces' addresses. */
final class ListenAddresses {

    private static final String IP4_ANY = "/ip4/0.0.0.0/";
    private static final String IP6_ANY = "/ip6/::/";

    private ListenAddresses() {
    }

    static List<Multiaddr> expand(Multiaddr address) {
        String text = address.toString();
        boolean ip4 = text.startsWith(IP4_ANY);
        if (!ip4 && !text.startsWith(IP6_ANY)) {
            return List.of(address);
        }
        String rest = text.substring(ip4 ? IP4_ANY.length() : IP6_ANY.length());
        List<Multiaddr> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress ip : Collections.list(nic.getInetAddresses())) {
                    if (ip4 && ip instanceof Inet4Address) {
                        out.add(Multiaddr.parse("/ip4/" + ip.getHostAddress() + "/" + rest));
                    } else if (!ip4 && ip instanceof Inet6Address && !ip.isLinkLocalAddress()) {
                        String host = ip.getHostAddress();
                        int scope = host.indexOf('%');
                        out.add(Multiaddr.parse("/ip6/" + (scope < 0 ? host : host.substring(0, scope)) + "/" + rest));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of(address);
        }
        return out.isEmpty() ? List.of(address) : out;
    }
}
