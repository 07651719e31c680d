package io.ipfskit.api.net.spi;

import java.util.concurrent.CompletionStage;

/** A running muxer session on one channel: opens outbound streams and counts the open ones. */
public interface MuxedConnection {

    /** Opens a stream; fails when the session is closed or the stream limit is reached. */
    CompletionStage<MuxedStream> openStream();

    /** The number of streams currently open in either direction. */
    int streamCount();

    /** Tells the remote the session ends (where the muxer can), resets open streams and closes the channel. */
    void close();
}
