package io.ipfskit.cluster;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.PeerId;

/**
 * A cluster member as its last heartbeat described it, when that came (Unix ms), whether it is the leading master and
 * whether it is this node.
 */
public record PeerView(PeerId peer, NodeRole role, long capacity, long free, double load, long lastSeenMs,
        boolean leader, boolean self) {
}
