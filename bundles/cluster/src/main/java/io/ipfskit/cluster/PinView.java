package io.ipfskit.cluster;

import io.ipfskit.cluster.wire.ClusterPin;
import io.ipfskit.cluster.wire.PinStatus;
import io.ipfskit.multiformats.PeerId;
import java.util.Map;

/** A cluster pin with where each of its replicas stands (ipfs-cluster's {@code peer_map}). */
public record PinView(ClusterPin pin, Map<PeerId, PinStatus> peerMap) {

    /** Copies the map so the record stays immutable. */
    public PinView {
        peerMap = Map.copyOf(peerMap);
    }
}
