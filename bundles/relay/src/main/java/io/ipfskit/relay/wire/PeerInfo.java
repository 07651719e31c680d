package io.ipfskit.relay.wire;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.List;

/** circuit.proto's Peer: a peer id and the addresses it may be reached on. */
public record PeerInfo(PeerId id, List<Multiaddr> addresses) {

    /** A peer without addresses. */
    public static PeerInfo of(PeerId id) {
        return new PeerInfo(id, List.of());
    }
}
