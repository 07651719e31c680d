package io.ipfskit.dht.kad.wire;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.List;

/** A {@code Message.Peer}: a peer id, the addresses it is said to listen on, and the sender's connection to it. */
public record WirePeer(PeerId id, List<Multiaddr> addresses, ConnectionType connection) {

    /** Copies the address list. */
    public WirePeer {
        addresses = List.copyOf(addresses);
    }

    /** A peer entry with no connection information. */
    public static WirePeer of(PeerId id, List<Multiaddr> addresses) {
        return new WirePeer(id, addresses, ConnectionType.NOT_CONNECTED);
    }
}
