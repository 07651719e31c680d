package io.ipfskit.cluster.wire;

import java.util.List;

/** A worker's report on the pins placed on it (at most {@link ClusterCodec#MAX_STATUSES} per message). */
public record StatusReport(List<PinStatus> statuses) implements ClusterMessage {

    /** Copies the list so the record stays immutable. */
    public StatusReport {
        statuses = List.copyOf(statuses);
    }
}
