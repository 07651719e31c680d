package io.ipfskit.host.internal;

import io.ipfskit.multiformats.Multiaddr;
import java.time.Duration;
import java.util.List;

/**
 * The host's listen addresses, timeouts, limits and the threads that run protocol handlers, as plain values (from
 * {@link HostConfig} or a test).
 */
public record HostSettings(List<Multiaddr> listen, Duration dialTimeout, Duration upgradeTimeout,
        Duration negotiationTimeout, int maxPeers, ConnectionLimits limits, int handlerThreads) {

    /** Copies the address list; checks that there is at least one handler thread. */
    public HostSettings {
        listen = List.copyOf(listen);
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handlerThreads must be at least 1");
        }
    }

    /** Settings for tests: listen where given, short timeouts, 16 handler threads. */
    public static HostSettings of(List<Multiaddr> listen) {
        return new HostSettings(listen, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 1000,
                new ConnectionLimits(50, 200, Duration.ofSeconds(20)), 16);
    }

    /** A copy with other connection limits. */
    public HostSettings withLimits(ConnectionLimits value) {
        return new HostSettings(listen, dialTimeout, upgradeTimeout, negotiationTimeout, maxPeers, value, handlerThreads);
    }
}
