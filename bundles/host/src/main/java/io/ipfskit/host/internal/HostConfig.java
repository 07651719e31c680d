package io.ipfskit.host.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the host (PID {@code io.ipfskit.host}); the framework property {@code ipfskit.swarm} overrides listen. */
@ObjectClassDefinition(name = "IPFS Kit libp2p host")
public @interface HostConfig {

    /** Multiaddrs to listen on. */
    @AttributeDefinition(description = "Multiaddrs to listen on")
    String[] listen() default {"/ip4/0.0.0.0/tcp/4001", "/ip6/::/tcp/4001", "/ip4/0.0.0.0/udp/4001/quic-v1",
        "/ip6/::/udp/4001/quic-v1"};

    /** Time allowed to open one transport connection, in seconds. */
    @AttributeDefinition(description = "Seconds allowed to open one transport connection, 1 to 600", min = "1", max = "600")
    int dialTimeoutSeconds() default 10;

    /** Time allowed for security and muxer negotiation of a new connection, in seconds. */
    @AttributeDefinition(description = "Seconds allowed to secure and multiplex a new connection, 1 to 600", min = "1", max = "600")
    int upgradeTimeoutSeconds() default 15;

    /** Time allowed to agree on a stream's protocol, in seconds. */
    @AttributeDefinition(description = "Seconds allowed to agree on a stream's protocol, 1 to 600", min = "1", max = "600")
    int negotiationTimeoutSeconds() default 10;

    /** Peers remembered by the peerstore; the least recently used are forgotten first. */
    @AttributeDefinition(description = "Peers kept in the peerstore (least recently used forgotten first), 16 to 1000000", min = "16", max = "1000000")
    int maxPeers() default 10000;

    /** Connections kept when trimming; -1 takes the role's default (master 100, worker 50, leecher 20). */
    @AttributeDefinition(description = "Low water mark, 0 to 100000; -1 = by role (master 100, worker 50, leecher 20)", min = "-1", max = "100000")
    int lowWater() default -1;

    /** Connections above which the least useful are closed; -1 takes the role's default (400, 200, 100). */
    @AttributeDefinition(description = "High water mark, 1 to 100000; -1 = by role (master 400, worker 200, leecher 100)", min = "-1", max = "100000")
    int highWater() default -1;

    /** Seconds a new connection is spared from trimming; -1 takes the role's default (30, 20, 10). */
    @AttributeDefinition(description = "Grace period in seconds, 0 to 3600; -1 = by role (master 30, worker 20, leecher 10)", min = "-1", max = "3600")
    int gracePeriodSeconds() default -1;

    /** Threads that run protocol handlers (off the event loops); a handler that blocks holds one of them. */
    @AttributeDefinition(description = "Threads running protocol handlers off the event loops, 2 to 1024", min = "2", max = "1024")
    int handlerThreads() default 64;

    /** Connections accepted and still securing or negotiating; -1 by role (leecher 32, worker 48, master 96). */
    @AttributeDefinition(description = "Handshakes under way at once, 1 to 100000; -1 = by role (leecher 32, worker 48, master 96)", min = "-1", max = "100000")
    int maxPendingHandshakes() default -1;

    /** Handshakes under way from one remote IP (loopback exempt); -1 by role (8). */
    @AttributeDefinition(description = "Handshakes under way from one IP (loopback exempt), 1 to 10000; -1 = by role (8)", min = "-1", max = "10000")
    int maxPendingHandshakesPerIp() default -1;

    /** Inbound connections, upgraded or not; -1 by role (leecher 64, worker 128, master 320). */
    @AttributeDefinition(description = "Inbound connections, 1 to 1000000; -1 = by role (leecher 64, worker 128, master 320)", min = "-1", max = "1000000")
    int maxInboundConnections() default -1;

    /** Connections in both directions beyond which inbound ones are refused; -1 by role (128, 256, 640). */
    @AttributeDefinition(description = "Connections in both directions before inbound ones are refused, 1 to 1000000; -1 = by role (leecher 128, worker 256, master 640)", min = "-1", max = "1000000")
    int maxConnections() default -1;

    /** Connections one peer may hold; more inbound ones are closed. -1 by role (8). */
    @AttributeDefinition(description = "Connections per peer, 1 to 1000; -1 = by role (8)", min = "-1", max = "1000")
    int maxConnectionsPerPeer() default -1;

    /** Streams peers opened to us, all peers together; more are reset. -1 by role (1024, 2048, 5120). */
    @AttributeDefinition(description = "Inbound streams in total, 1 to 10000000; -1 = by role (leecher 1024, worker 2048, master 5120)", min = "-1", max = "10000000")
    int maxInboundStreams() default -1;

    /** Streams we opened, to all peers together; more fail to open. -1 by role (2048, 4096, 10240). */
    @AttributeDefinition(description = "Outbound streams in total, 1 to 10000000; -1 = by role (leecher 2048, worker 4096, master 10240)", min = "-1", max = "10000000")
    int maxOutboundStreams() default -1;

    /** Streams one peer may open to us; more are reset. -1 by role (256, 384, 768). */
    @AttributeDefinition(description = "Inbound streams per peer, 1 to 100000; -1 = by role (leecher 256, worker 384, master 768)", min = "-1", max = "100000")
    int maxInboundStreamsPerPeer() default -1;

    /** Streams we may open to one peer; more fail to open. -1 by role (512, 768, 1536). */
    @AttributeDefinition(description = "Outbound streams per peer, 1 to 100000; -1 = by role (leecher 512, worker 768, master 1536)", min = "-1", max = "100000")
    int maxOutboundStreamsPerPeer() default -1;
}
