package io.ipfskit.dht.kad.records;

import io.ipfskit.api.node.NodeRole;
import java.time.Duration;

/**
 * The record store's bounds and lifetimes: providers kept per key (the oldest goes first), provider records and values
 * per peer, the largest value, the store's total bytes (keys, peer ids, addresses and values, with a fixed overhead
 * per record); provider records live 48 h, their addresses 24 h, values 48 h (go's amino defaults).
 */
public record StoreLimits(int providersPerKey, int recordsPerPeer, int valuesPerPeer, int maxValueBytes, long maxBytes,
        Duration providerValidity, Duration addressValidity, Duration valueValidity) {

    /** Bytes counted for each record on top of its key, peer id, addresses and value. */
    public static final int RECORD_OVERHEAD = 64;

    /** Limits by role: a master keeps 256 MiB of records, a worker 64 MiB, a leecher (a DHT client) 4 MiB. */
    public static StoreLimits of(NodeRole role) {
        long bytes = switch (role) {
            case MASTER -> 256L << 20;
            case WORKER -> 64L << 20;
            case LEECHER -> 4L << 20;
        };
        return new StoreLimits(64, 65_536, 1024, 16 * 1024, bytes, Duration.ofHours(48), Duration.ofHours(24),
                Duration.ofHours(48));
    }

    /** A copy with other bounds (tests). */
    public StoreLimits withBounds(int perKey, int perPeer, int valuesPerPeerLimit, int valueBytes, long totalBytes) {
        return new StoreLimits(perKey, perPeer, valuesPerPeerLimit, valueBytes, totalBytes, providerValidity,
                addressValidity, valueValidity);
    }
}
