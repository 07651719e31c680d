package io.ipfskit.api.protocol;

import io.ipfskit.multiformats.PeerId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One secured, multiplexed stream to a remote peer, already negotiated to one protocol. Backpressure both ways: a
 * reader that pauses (or whose listener is slow) stops the remote's sender, and a writer learns from
 * {@link #writable()} that the remote reads slower than it writes. Every method may be called from any thread.
 */
public interface Stream {

    /** The authenticated peer at the other end. */
    PeerId remotePeer();

    /** The negotiated protocol id. */
    String protocolId();

    /**
     * Sends bytes from the array itself, without a copy: the caller must not change the array after the call.
     * Completes when they are handed to the connection; fails if the stream is gone, or if the stream's write queue
     * would pass its bound (which a writer that honours {@link #writable()} never meets).
     */
    CompletionStage<Void> write(byte[] data);

    /** Half-closes: no more writes from this side; the remote may still send. */
    void closeWrite();

    /** Aborts the stream in both directions. */
    void reset();

    /**
     * Whether the write queue has room: false once it passes its high water mark (the remote or the connection is
     * slower than the writer), true again once it drained below its low water mark. (Always true in implementations
     * without a write queue.)
     */
    default boolean writable() {
        return true;
    }

    /** Completes once {@link #writable()} is true, at once if it is now; fails when the stream is reset or closed for writing. */
    default CompletionStage<Void> onWritable() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Stops delivering data to the listener until {@link #resumeReading()}; what arrives meanwhile is held within what
     * the stream lets the remote send (its receive window), so a remote that keeps sending is stopped rather than
     * buffered without bound. May be called from the listener. (Ignored by implementations that cannot pause.)
     */
    default void pauseReading() {
    }

    /** Resumes delivery after {@link #pauseReading()}, starting with what was held. */
    default void resumeReading() {
    }
}
