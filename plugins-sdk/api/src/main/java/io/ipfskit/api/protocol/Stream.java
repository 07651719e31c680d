package io.ipfskit.api.protocol;

import io.ipfskit.multiformats.PeerId;
import java.util.concurrent.CompletionStage;

/** One secured, multiplexed stream to a remote peer, already negotiated to one protocol. */
public interface Stream {

    /** The authenticated peer at the other end. */
    PeerId remotePeer();

    /** The negotiated protocol id. */
    String protocolId();

    /** Sends bytes (the array is not kept); completes when they are handed to the connection, fails if the stream is gone. */
    CompletionStage<Void> write(byte[] data);

    /** Half-closes: no more writes from this side; the remote may still send. */
    void closeWrite();

    /** Aborts the stream in both directions. */
    void reset();
}
