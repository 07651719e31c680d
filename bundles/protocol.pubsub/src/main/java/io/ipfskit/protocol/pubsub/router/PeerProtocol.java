package io.ipfskit.protocol.pubsub.router;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The pubsub protocols a peer may speak, newest first: what it gets from us depends on it. */
public enum PeerProtocol {
    /** GossipSub v1.1: control messages, peer exchange and backoff in PRUNE. */
    MESHSUB_11("/meshsub/1.1.0"),
    /** GossipSub v1.0: control messages, PRUNE without peer exchange or backoff. */
    MESHSUB_10("/meshsub/1.0.0"),
    /** floodsub: every message of its topics, no control messages. */
    FLOODSUB("/floodsub/1.0.0");

    private final String id;

    PeerProtocol(String id) {
        this.id = id;
    }

    /** The protocol id. */
    public String id() {
        return id;
    }

    /** Whether the peer takes GossipSub control messages. */
    boolean gossip() {
        return this != FLOODSUB;
    }

    /** Every protocol id, newest first (the order we offer them in). */
    public static List<String> ids() {
        return Arrays.stream(values()).map(PeerProtocol::id).toList();
    }

    /** The protocol of an id, if it is one of ours. */
    public static Optional<PeerProtocol> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
