package io.ipfskit.cluster.wire;

import java.util.Objects;

/**
 * A cluster message with its sender's clock (Unix milliseconds) and counter, which increases with every message the
 * sender sends, across its restarts: the receiver's guards against stale and replayed messages.
 */
public record Body(long timestampMs, long counter, ClusterMessage message) {

    /** Checks the message is there. */
    public Body {
        Objects.requireNonNull(message, "message");
    }
}
