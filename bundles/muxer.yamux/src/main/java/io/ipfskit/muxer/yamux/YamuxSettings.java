package io.ipfskit.muxer.yamux;

/** Limits of one yamux session: open streams, receive window bounds and bytes queued for sending per stream. */
record YamuxSettings(int maxStreams, int maxWindow, int maxPendingWrite) {

    /** The initial window of every stream, fixed by the spec. */
    static final int INITIAL_WINDOW = 256 * 1024;

    YamuxSettings {
        if (maxStreams < 1 || maxWindow < INITIAL_WINDOW || maxPendingWrite < 1) {
            throw new IllegalArgumentException("bad yamux settings");
        }
    }
}
