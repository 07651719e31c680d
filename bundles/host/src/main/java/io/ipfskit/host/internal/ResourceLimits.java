package io.ipfskit.host.internal;

import io.ipfskit.api.node.NodeRole;

/**
 * What the host admits: handshakes under way (in total and per remote IP; loopback is exempt from the per-IP bound),
 * inbound and all connections, connections per peer, and streams in each direction, in total and per peer.
 *
 * <p>The defaults are go-libp2p's resource manager defaults (its system, transient and peer scopes and its per-IP
 * connection limiter), scaled as go-libp2p scales them for the memory it may use: a leecher gets the base limits (a
 * 128 MiB node), a worker those of 1 GiB, a master those of 4 GiB.
 */
public record ResourceLimits(int pendingHandshakes, int pendingHandshakesPerIp, int inboundConnections,
        int connections, int connectionsPerPeer, int inboundStreams, int outboundStreams, int inboundStreamsPerPeer,
        int outboundStreamsPerPeer) {

    /** Checks that every limit admits at least one. */
    public ResourceLimits {
        if (pendingHandshakes < 1 || pendingHandshakesPerIp < 1 || inboundConnections < 1 || connections < 1
                || connectionsPerPeer < 1 || inboundStreams < 1 || outboundStreams < 1 || inboundStreamsPerPeer < 1
                || outboundStreamsPerPeer < 1) {
            throw new IllegalArgumentException("every resource limit must be at least 1");
        }
    }

    /** The defaults of a role: go-libp2p's for a node given 128 MiB (leecher), 1 GiB (worker) or 4 GiB (master). */
    public static ResourceLimits of(NodeRole role) {
        int gib = switch (role) {
            case LEECHER -> 0;
            case WORKER -> 1;
            case MASTER -> 4;
        };
        return new ResourceLimits(32 + 16 * gib, 8, 64 + 64 * gib, 128 + 128 * gib, 8, 1024 + 1024 * gib,
                2048 + 2048 * gib, 256 + 128 * gib, 512 + 256 * gib);
    }
}
