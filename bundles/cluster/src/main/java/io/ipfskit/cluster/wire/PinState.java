package io.ipfskit.cluster.wire;

import java.util.List;

/** Part of the leading master's pin state (at most {@link ClusterCodec#MAX_PINS} pins per message). */
public record PinState(List<ClusterPin> pins) implements ClusterMessage {

    /** Copies the list so the record stays immutable. */
    public PinState {
        pins = List.copyOf(pins);
    }
}
