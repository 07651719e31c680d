package io.ipfskit.host.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upgrade role (client or server) hole punches in progress fix for channels to or from given socket addresses, or
 * from their IPs: a peer that dials from an ephemeral port (js-libp2p) still meets the role its punch agreed on.
 */
final class HolePunchRoles {

    private final Map<InetSocketAddress, Boolean> exact = new ConcurrentHashMap<>();
    private final Map<InetAddress, Boolean> byIp = new ConcurrentHashMap<>();

    /** Whether a channel with this remote end is upgraded as the client: the punch's role, else {@code otherwise}. */
    boolean client(SocketAddress remote, boolean otherwise) {
        if (!(remote instanceof InetSocketAddress socket)) {
            return otherwise;
        }
        Boolean role = exact.get(socket);
        if (role == null) {
            role = byIp.get(socket.getAddress());
        }
        return role != null ? role : otherwise;
    }

    /** Fixes the role for the addresses and their IPs until the returned release runs. */
    Runnable hold(List<InetSocketAddress> remotes, boolean client) {
        remotes.forEach(r -> {
            exact.put(r, client);
            byIp.put(r.getAddress(), client);
        });
        return () -> remotes.forEach(r -> {
            exact.remove(r, client);
            byIp.remove(r.getAddress(), client);
        });
    }
}
