package io.ipfskit.api.net;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/** One bidirectional stream of a muxer; all callbacks run on the connection's event loop, in order. */
public interface MuxedStream {

    /** Sets who receives this stream's events; data that arrived before is delivered first. */
    void handler(Handler handler);

    /** Sends bytes (takes ownership of the buffer); completes when they are handed to the channel. */
    CompletionStage<Void> write(ByteBuf data);

    /** Half-closes the sending direction. */
    void closeWrite();

    /** Aborts the stream in both directions. */
    void reset();

    /** Receives a stream's events. */
    interface Handler {

        /** Bytes arrived; the handler owns (and must release) the buffer. */
        void onData(ByteBuf data);

        /** The remote half-closed its direction. */
        void onRemoteClose();

        /** The stream was reset by either side or its session ended. */
        void onReset();
    }
}
