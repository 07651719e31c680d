package io.ipfskit.cluster.wire;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.List;
import java.util.Objects;

/**
 * One pin of the cluster: its root, how many workers should hold it, and the workers it is placed on; a replication
 * of zero is a removed pin (a tombstone, so that workers unpin it).
 */
public record ClusterPin(Cid cid, int replication, List<PeerId> allocations) {

    /** Copies the list so the record stays immutable. */
    public ClusterPin {
        Objects.requireNonNull(cid, "cid");
        allocations = List.copyOf(allocations);
    }

    /** Whether the pin was removed. */
    public boolean removed() {
        return replication == 0;
    }

    /** The same pin placed on these workers. */
    public ClusterPin withAllocations(List<PeerId> workers) {
        return new ClusterPin(cid, replication, workers);
    }
}
