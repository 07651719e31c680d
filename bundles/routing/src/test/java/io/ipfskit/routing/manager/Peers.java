package io.ipfskit.routing.manager;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Peer ids and provider records for tests, derived from a number. */
public final class Peers {

    private Peers() {
    }

    /** A peer id. */
    public static PeerId peer(int n) {
        return PeerId.of(Multihash.sha256(("peer " + n).getBytes(StandardCharsets.UTF_8)));
    }

    /** A provider record: the peer and one loopback address. */
    public static PeerInfo info(int n) {
        return new PeerInfo(peer(n), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/" + (4000 + n))));
    }
}
