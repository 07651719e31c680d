package io.ipfskit.host.internal;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Multiaddr;
import java.time.Duration;
import java.util.List;

/**
 * The host's listen addresses, timeouts, connection manager and resource limits and the threads that run protocol
 * handlers, as plain values (from {@link HostConfig} or a test).
 */
public record HostSettings(List<Multiaddr> listen, Duration dialTimeout, Duration upgradeTimeout,
        Duration negotiationTimeout, int maxPeers, ConnectionLimits limits, ResourceLimits resources,
        int handlerThreads) {

    /** Copies the address list; checks that there is at least one handler thread. */
    public HostSettings {
        listen = List.copyOf(listen);
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handlerThreads must be at least 1");
        }
    }

    /** Settings for tests: listen where given, short timeouts, a worker's limits, 16 handler threads. */
    public static HostSettings of(List<Multiaddr> listen) {
        return new HostSettings(listen, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 1000,
                new ConnectionLimits(50, 200, Duration.ofSeconds(20)), ResourceLimits.of(NodeRole.WORKER), 16);
    }

    /** A copy with other connection limits. */
    public HostSettings withLimits(ConnectionLimits value) {
        return new HostSettings(listen, dialTimeout, upgradeTimeout, negotiationTimeout, maxPeers, value, resources,
                handlerThreads);
    }

    /** A copy with other resource limits. */
    public HostSettings withResources(ResourceLimits value) {
        return new HostSettings(listen, dialTimeout, upgradeTimeout, negotiationTimeout, maxPeers, limits, value,
                handlerThreads);
    }
}
