package io.ipfskit.api.exchange;

import java.time.Duration;

/**
 * How one request may use the network, as kubo's per-request options: a deadline for the whole request (zero: none),
 * offline (never touch the network: a miss is a miss), and the most bytes it may fetch.
 */
public record FetchOptions(Duration timeout, boolean offline, long maxBytes) {

    /** No deadline, online, no size limit. */
    public static final FetchOptions DEFAULTS = new FetchOptions(Duration.ZERO, false, Long.MAX_VALUE);

    /** Checks the values: a non-negative timeout and a positive byte limit. */
    public FetchOptions {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero (none) or positive");
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    /** A copy that never touches the network. */
    public FetchOptions asOffline() {
        return new FetchOptions(timeout, true, maxBytes);
    }
}
