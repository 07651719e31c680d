package io.ipfskit.api.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** This node's libp2p endpoint: listens, dials, keeps one connection per peer and routes streams to protocol handlers. */
public interface Host {

    /** Our peer id. */
    PeerId peerId();

    /** The addresses we listen on (ephemeral ports resolved). */
    List<Multiaddr> listenAddresses();

    /** The protocol ids of the handlers registered now. */
    Set<String> protocols();

    /** The existing connection to the peer, or a new one dialled over the given (and known) addresses. */
    CompletionStage<Connection> connect(PeerId peer, List<Multiaddr> addresses);

    /** Connects to an address ending in {@code /p2p/<peer id>}. */
    CompletionStage<Connection> connect(Multiaddr address);

    /**
     * Opens a stream to the peer (connecting over known addresses if needed) on the first protocol it supports;
     * {@code listener} is called (off the event loop) for the listener that gets its data before the stage completes.
     */
    CompletionStage<Stream> newStream(PeerId peer, List<String> protocols, Function<Stream, StreamListener> listener);

    /** The open connections. */
    List<Connection> connections();

    /** The peerstore. */
    Peerstore peerstore();

    /** Starts delivering events to the listener; closing the result stops it. */
    AutoCloseable subscribe(HostListener listener);
}
