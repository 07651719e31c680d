package io.ipfskit.api.net.spi;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletionStage;

/**
 * One bidirectional stream of a muxer; its callbacks run on the connection's event loop, in order, and its methods may
 * be called from any thread. Bytes handed to the handler count against what the remote may send (the stream's receive
 * window, or the muxer's bound on unread bytes) until {@link #consumed} reports them read, so a handler that stops
 * consuming stops the remote.
 */
public interface MuxedStream {

    /** Sets who receives this stream's events; data that arrived before is delivered first. */
    void handler(Handler handler);

    /**
     * Sends bytes, taking ownership of the buffer (it is sent from without a copy); completes when they are handed to
     * the channel, fails when the stream is closed for writing or when the write queue would pass its bound.
     */
    CompletionStage<Void> write(ByteBuf data);

    /** The handler has read this many of the bytes it was given: the remote may send that many more. */
    void consumed(int bytes);

    /**
     * Whether the write queue is below its high water mark; false from when it passes that mark until it drains below
     * the low one. A writer that waits for {@link #whenWritable} while this is false never has a write refused.
     */
    boolean writable();

    /** Completes once the stream is writable (at once if it is now); fails when the stream is reset or closed for writing. */
    CompletionStage<Void> whenWritable();

    /** Half-closes the sending direction once the queued writes are out. */
    void closeWrite();

    /** Aborts the stream in both directions. */
    void reset();

    /** Receives a stream's events. */
    interface Handler {

        /** Bytes arrived; the handler owns (and must release) the buffer and reports them with {@link #consumed}. */
        void onData(ByteBuf data);

        /** The remote half-closed its direction. */
        void onRemoteClose();

        /** The stream was reset by either side or its session ended. */
        void onReset();
    }
}
