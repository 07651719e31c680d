package io.ipfskit.cluster.wire;

import io.ipfskit.api.node.NodeRole;
import java.util.List;
import java.util.Objects;

/**
 * A peer's periodic sign of life: its role, the bytes it may store and those still free, its load (placements under way
 * plus system load per core) and the heat of its hottest CIDs (at most {@link ClusterCodec#MAX_HOT}).
 */
public record Heartbeat(NodeRole role, long capacity, long free, double load, List<HotCid> hot)
        implements ClusterMessage {

    /** Copies the list so the record stays immutable. */
    public Heartbeat {
        Objects.requireNonNull(role, "role");
        hot = List.copyOf(hot);
    }
}
