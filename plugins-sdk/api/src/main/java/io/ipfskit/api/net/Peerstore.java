package io.ipfskit.api.net;

import io.ipfskit.multiformats.PeerId;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** What the host knows about peers (addresses, keys, protocols, latency), bounded in the number of peers kept. */
public interface Peerstore {

    /** What is known of the peer, if anything. */
    Optional<PeerData> get(PeerId peer);

    /** Atomically replaces what is known of the peer with {@code change} applied to it (or to {@link PeerData#EMPTY}). */
    void update(PeerId peer, UnaryOperator<PeerData> change);

    /** The peers known. */
    Set<PeerId> peers();
}
