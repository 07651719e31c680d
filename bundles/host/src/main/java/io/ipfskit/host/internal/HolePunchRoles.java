package io.ipfskit.host.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The upgrade role (client or server) hole punches in progress fix for channels to or from given socket addresses. */
final class HolePunchRoles {

    private final Map<InetSocketAddress, Boolean> roles = new ConcurrentHashMap<>();

    /** Whether a channel with this remote end is upgraded as the client: the punch's role, else {@code otherwise}. */
    boolean client(SocketAddress remote, boolean otherwise) {
        Boolean role = remote instanceof InetSocketAddress socket ? roles.get(socket) : null;
        return role != null ? role : otherwise;
    }

    /** Fixes the role for the addresses until the returned release runs. */
    Runnable hold(List<InetSocketAddress> remotes, boolean client) {
        remotes.forEach(r -> roles.put(r, client));
        return () -> remotes.forEach(r -> roles.remove(r, client));
    }
}
