package io.ipfskit.api.protocol;

/** Receives what the remote side of a {@link Stream} sends, in order, on one thread at a time. */
public interface StreamListener {

    /** Bytes arrived; the array belongs to the listener. */
    void onData(byte[] data);

    /** The remote side half-closed its direction: nothing more will arrive. */
    void onRemoteClose();

    /** The stream was reset by either side or because its connection closed; nothing more will arrive. */
    default void onReset() {
    }
}
