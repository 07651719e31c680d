package io.ipfskit.transport.tcp;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listening sockets' addresses (bound with SO_REUSEPORT), and which one a dial starts from: one of the target's
 * family that can reach it (a loopback listener only reaches loopback), never for a target we listen on ourselves
 * (a socket dialling its own address and port would connect to itself).
 */
final class ListenPorts {

    /** The JDK's SO_REUSEPORT as a Netty option of NIO channels. */
    static final ChannelOption<Boolean> SO_REUSEPORT = NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);

    private final List<InetSocketAddress> bound = new CopyOnWriteArrayList<>();

    void add(InetSocketAddress address) {
        bound.add(address);
    }

    void remove(InetSocketAddress address) {
        bound.remove(address);
    }

    /** The local address to dial the target from, or null for an ephemeral port. */
    InetSocketAddress dialFrom(InetSocketAddress target) {
        if (target.isUnresolved()) {
            return null;
        }
        InetAddress ip = target.getAddress();
        boolean ours = bound.stream().anyMatch(b -> b.getPort() == target.getPort()) && local(ip);
        if (ours) {
            return null;
        }
        for (InetSocketAddress listen : bound) {
            InetAddress at = listen.getAddress();
            if (at.isAnyLocalAddress()) {
                return new InetSocketAddress(anyOfFamily(ip), listen.getPort());
            }
            if (at.getClass() == ip.getClass() && at.isLoopbackAddress() == ip.isLoopbackAddress()) {
                return listen;
            }
        }
        return null;
    }

    private static InetAddress anyOfFamily(InetAddress ip) {
        return new InetSocketAddress(ip instanceof java.net.Inet6Address ? "::" : "0.0.0.0", 0).getAddress();
    }

    private static boolean local(InetAddress ip) {
        try {
            return ip.isLoopbackAddress() || ip.isAnyLocalAddress() || NetworkInterface.getByInetAddress(ip) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** Whether a dial failed because its local address could not be bound or the 4-tuple was taken. */
    static boolean cannotBind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Cannot assign requested address")) {
                return true;
            }
        }
        return false;
    }
}
