package io.ipfskit.dht.kad.api;

import java.util.List;

/** A DHT's routing table at one moment: its protocol, its mode, and its non-empty buckets by common prefix length. */
public record RoutingTableSnapshot(String protocolId, DhtMode mode, int bucketSize, List<TableBucket> buckets) {

    /** Copies the list. */
    public RoutingTableSnapshot {
        buckets = List.copyOf(buckets);
    }

    /** The number of peers in the table. */
    public int size() {
        return buckets.stream().mapToInt(b -> b.peers().size()).sum();
    }
}
