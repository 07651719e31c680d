package io.ipfskit.discovery;

import java.time.Duration;

/**
 * Bounds of the feeder: the connection count it fills up to, dials in flight at once, peers waiting to be dialled,
 * and the backoff of peers whose dial failed (first wait, longest wait, peers remembered).
 */
record FeederLimits(int targetConnections, int maxDialsInFlight, int maxCandidates, Duration initialBackoff,
        Duration maxBackoff, int backoffCapacity) {
}
