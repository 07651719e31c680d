package io.ipfskit.host.internal;

import io.ipfskit.api.net.Connection;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Chooses which connections to close when there are more than the high water mark: the least useful first. */
final class ConnectionTrimmer {

    private ConnectionTrimmer() {
    }

    /**
     * The connections to close to get down to the low water mark, never one opened within the grace period; least
     * useful means fewest open streams, then most recently opened.
     */
    static List<Connection> victims(List<Connection> connections, ConnectionLimits limits, Instant now) {
        if (connections.size() <= limits.high()) {
            return List.of();
        }
        Instant graceEnd = now.minus(limits.grace());
        return connections.stream()
                .filter(c -> !c.opened().isAfter(graceEnd))
                .sorted(Comparator.comparingInt(Connection::streamCount)
                        .thenComparing(Connection::opened, Comparator.reverseOrder()))
                .limit(connections.size() - limits.low())
                .toList();
    }
}
