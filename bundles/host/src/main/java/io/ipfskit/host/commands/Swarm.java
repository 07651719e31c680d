package io.ipfskit.host.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Direction;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.host.internal.HostResources;
import io.ipfskit.host.internal.ResourceSnapshot;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The swarm operations shared by the RPC and Gogo commands, with kubo's reply shapes. */
final class Swarm {

    private static final long TIMEOUT_SECONDS = 30;

    private Swarm() {
    }

    /**
     * kubo's {@code swarm/peers} entries: address, peer, latency, muxer, direction (1 inbound, 2 outbound), streams; and
     * the security protocol and whether the connection runs through a relay, which kubo shows only in the address.
     */
    static List<Map<String, Object>> peers(Host host) {
        return host.connections().stream().map(c -> peer(host, c)).toList();
    }

    private static Map<String, Object> peer(Host host, Connection c) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Addr", c.remoteAddress().toString());
        entry.put("Peer", c.remotePeer().toBase58());
        Duration latency = host.peerstore().get(c.remotePeer()).map(PeerData::latency).orElse(null);
        entry.put("Latency", latency == null ? "n/a" : latency.toNanos() / 1000 / 1000.0 + "ms");
        entry.put("Muxer", c.muxer());
        entry.put("Security", c.security());
        entry.put("Direction", c.direction() == Direction.INBOUND ? 1 : 2);
        entry.put("Streams", c.streamCount());
        entry.put("Relayed", c.remoteAddress().valueOf(Protocol.P2P_CIRCUIT).isPresent());
        return entry;
    }

    /** The resource manager's figures: limits, usage and refusals, each by name. */
    static Map<String, Object> resources(HostResources host) {
        ResourceSnapshot snapshot = host.resources();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Limits", snapshot.limits());
        out.put("Usage", snapshot.usage());
        out.put("Refused", snapshot.refused());
        return out;
    }

    /** Connects to an address ending in /p2p/ID; returns kubo's success line. */
    static String connect(Host host, String address) throws RpcException {
        Multiaddr parsed = parse(address);
        Connection c = await(host.connect(parsed), "connect " + address);
        return "connect " + c.remotePeer().toBase58() + " success";
    }

    /**
     * Closes every connection to the peer named by an address ending in /p2p/ID (or a bare peer id) and returns once the
     * host no longer lists them, as kubo's {@code swarm disconnect}.
     */
    static String disconnect(Host host, String target) throws RpcException {
        PeerId peer = target.startsWith("/") ? parse(target).peerId()
                .orElseThrow(() -> RpcException.client(target + " does not end in /p2p/<peer id>")) : peerId(target);
        List<Connection> open = host.connections().stream().filter(c -> c.remotePeer().equals(peer)).toList();
        if (open.isEmpty()) {
            throw RpcException.client("disconnect " + peer + " failure: not connected");
        }
        Set<Connection> remaining = ConcurrentHashMap.newKeySet();
        remaining.addAll(open);
        CompletableFuture<Void> gone = new CompletableFuture<>();
        try (AutoCloseable subscription = host.subscribe(new HostListener() {
            @Override
            public void disconnected(Connection connection) {
                if (remaining.remove(connection) && remaining.isEmpty()) {
                    gone.complete(null);
                }
            }
        })) {
            open.forEach(Connection::close);
            remaining.retainAll(host.connections());
            if (remaining.isEmpty()) {
                gone.complete(null);
            }
            await(gone, "disconnect " + peer);
        } catch (RpcException e) {
            throw e;
        } catch (Exception e) {
            throw new RpcException(RpcException.Kind.NORMAL, "disconnect " + peer + " failure: " + e.getMessage());
        }
        return "disconnect " + peer.toBase58() + " success";
    }

    static Multiaddr parse(String address) throws RpcException {
        try {
            return Multiaddr.parse(address);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid multiaddr " + address + ": " + e.getMessage());
        }
    }

    static PeerId peerId(String text) throws RpcException {
        try {
            return PeerId.parse(text);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid peer id " + text + ": " + e.getMessage());
        }
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage, String what) throws RpcException {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RpcException(RpcException.Kind.NORMAL, what + " failure: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new RpcException(RpcException.Kind.NORMAL, what + " failure: timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(RpcException.Kind.NORMAL, what + " interrupted");
        }
    }
}
