package io.ipfskit.host.internal;

import io.ipfskit.multiformats.Multiaddr;
import java.time.Duration;
import java.util.List;

/** The host's listen addresses, timeouts and limits, as plain values (from {@link HostConfig} or a test). */
public record HostSettings(List<Multiaddr> listen, Duration dialTimeout, Duration upgradeTimeout,
        Duration negotiationTimeout, int maxPeers, ConnectionLimits limits) {

    /** Copies the address list. */
    public HostSettings {
        listen = List.copyOf(listen);
    }

    /** Settings for tests: listen where given, short timeouts. */
    public static HostSettings of(List<Multiaddr> listen) {
        return new HostSettings(listen, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 1000,
                new ConnectionLimits(50, 200, Duration.ofSeconds(20)));
    }

    /** A copy with other connection limits. */
    public HostSettings withLimits(ConnectionLimits value) {
        return new HostSettings(listen, dialTimeout, upgradeTimeout, negotiationTimeout, maxPeers, value);
    }
}
