package io.ipfskit.api.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** An upgraded (secured, multiplexed) connection to one authenticated peer. */
public interface Connection {

    /** The authenticated remote peer. */
    PeerId remotePeer();

    /** The remote end's address as the transport sees it. */
    Multiaddr remoteAddress();

    /** Our end's address. */
    Multiaddr localAddress();

    /** Who dialled. */
    Direction direction();

    /** The negotiated security protocol id. */
    String security();

    /** The negotiated muxer protocol id. */
    String muxer();

    /** When the upgrade finished. */
    Instant opened();

    /** The number of open streams. */
    int streamCount();

    /**
     * Opens a stream and negotiates the first of the protocols the remote supports; {@code listener} is called (off the
     * event loop) for the listener that gets its data before the stage completes.
     */
    CompletionStage<Stream> newStream(List<String> protocols, Function<Stream, StreamListener> listener);

    /** Closes the connection and resets its streams. */
    void close();
}
