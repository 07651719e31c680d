package io.ipfskit.dht.kad.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A DHT's routing table at one moment: its protocol, its mode, its non-empty buckets by common prefix length, and when
 * the refresh last looked up a key of each common prefix length (absent: never).
 */
public record RoutingTableSnapshot(String protocolId, DhtMode mode, int bucketSize, List<TableBucket> buckets,
        Map<Integer, Instant> refreshedAt) {

    /** Copies the list and the map. */
    public RoutingTableSnapshot {
        buckets = List.copyOf(buckets);
        refreshedAt = Map.copyOf(refreshedAt);
    }

    /** A table never refreshed. */
    public RoutingTableSnapshot(String protocolId, DhtMode mode, int bucketSize, List<TableBucket> buckets) {
        this(protocolId, mode, bucketSize, buckets, Map.of());
    }

    /** The number of peers in the table. */
    public int size() {
        return buckets.stream().mapToInt(b -> b.peers().size()).sum();
    }
}
