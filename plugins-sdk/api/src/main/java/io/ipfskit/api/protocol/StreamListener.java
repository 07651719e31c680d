package io.ipfskit.api.protocol;

/**
 * Receives what the remote side of a {@link Stream} sends: in order, on one thread at a time, never on the connection's
 * event loop, so a listener that blocks holds up its own stream only. Bytes count as read once {@link #onData} returns
 * (unless the listener paused reading): until then the remote is held back by the stream's receive window.
 */
public interface StreamListener {

    /** Bytes arrived; the array belongs to the listener. */
    void onData(byte[] data);

    /** The remote side half-closed its direction: nothing more will arrive. */
    void onRemoteClose();

    /** The stream was reset by either side or because its connection closed; nothing more will arrive. */
    default void onReset() {
    }
}
