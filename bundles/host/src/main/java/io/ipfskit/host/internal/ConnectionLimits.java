package io.ipfskit.host.internal;

import io.ipfskit.api.node.NodeRole;
import java.time.Duration;

/** Connection manager water marks: above {@code high} connections, trim to {@code low}, sparing those younger than grace. */
public record ConnectionLimits(int low, int high, Duration grace) {

    /** Checks that 0 <= low <= high. */
    public ConnectionLimits {
        if (low < 0 || high < low || grace.isNegative()) {
            throw new IllegalArgumentException("connection limits need 0 <= low <= high and a non-negative grace");
        }
    }

    /** The defaults of a role: master 100/400/30 s, worker 50/200/20 s, leecher 20/100/10 s. */
    public static ConnectionLimits of(NodeRole role) {
        return switch (role) {
            case MASTER -> new ConnectionLimits(100, 400, Duration.ofSeconds(30));
            case WORKER -> new ConnectionLimits(50, 200, Duration.ofSeconds(20));
            case LEECHER -> new ConnectionLimits(20, 100, Duration.ofSeconds(10));
        };
    }
}
