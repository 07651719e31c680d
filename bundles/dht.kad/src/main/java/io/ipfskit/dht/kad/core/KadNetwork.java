package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.wire.KadMessage;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What the DHT's logic needs from a network, so the same logic runs over libp2p streams and over the simulated
 * network: requests and one-way messages to peers (dialling them at the addresses learned), an address book, and
 * whether identify says a peer serves our DHT protocol.
 */
public interface KadNetwork {

    /** Sends the request and completes with the response; fails on a timeout, a refused stream or a malformed answer. */
    CompletionStage<KadMessage> request(PeerId peer, KadMessage request);

    /** Sends a message that gets no response (ADD_PROVIDER); completes once it was handed over. */
    CompletionStage<Void> send(PeerId peer, KadMessage message);

    /** Remembers addresses heard for a peer (from a response), so a request can dial it; bounded by the network. */
    void learn(PeerId peer, List<Multiaddr> addresses);

    /** The addresses known for a peer (its own listen addresses once identified), possibly empty. */
    List<Multiaddr> addresses(PeerId peer);

    /** The peers a connection is open to now (possibly a live view: copy it before anything that may connect). */
    Set<PeerId> connectedPeers();

    /** Completes with whether identify lists our DHT protocol for the peer (identifying it first if needed). */
    CompletionStage<Boolean> servesDht(PeerId peer);

    /** Our own addresses, as we announce them. */
    List<Multiaddr> ownAddresses();
}
