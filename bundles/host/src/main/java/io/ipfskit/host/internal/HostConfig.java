package io.ipfskit.host.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the host (PID {@code io.ipfskit.host}); the framework property {@code ipfskit.swarm} overrides listen. */
@ObjectClassDefinition(name = "IPFS Kit libp2p host")
public @interface HostConfig {

    /** Multiaddrs to listen on. */
    @AttributeDefinition(description = "Multiaddrs to listen on")
    String[] listen() default {"/ip4/0.0.0.0/tcp/4001", "/ip6/::/tcp/4001"};

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
}
