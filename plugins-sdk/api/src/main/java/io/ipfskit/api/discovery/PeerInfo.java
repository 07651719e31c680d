package io.ipfskit.api.discovery;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.List;

/** A peer and the addresses it can be reached at. */
public record PeerInfo(PeerId peerId, List<Multiaddr> addresses) {

    /** Copies the address list so the record stays immutable. */
    public PeerInfo {
        addresses = List.copyOf(addresses);
    }
}
