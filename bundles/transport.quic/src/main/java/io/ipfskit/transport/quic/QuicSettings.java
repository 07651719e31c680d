package io.ipfskit.transport.quic;

import java.time.Duration;

/**
 * The QUIC transport's bounds, by default go-libp2p's: 256 streams the remote may hold open, 10 MB per stream and 15 MB
 * per connection of receive window, 30 s idle timeout, 5 s to finish a handshake; 4 MiB of writes queued per stream.
 */
record QuicSettings(Duration handshakeTimeout, Duration idleTimeout, long maxIncomingStreams, long streamReceiveWindow,
        long connectionReceiveWindow, long maxPendingWrite) {

    static final QuicSettings DEFAULTS = new QuicSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 256,
            10L << 20, 15L << 20, 4L << 20);

    /**
     * How often a connection checks that something arrived since the last check: a third of the idle timeout, so a
     * keep-alive leaves at most two thirds of it after the last packet (go-libp2p sends one 15 s into 30 s).
     */
    Duration keepAlivePeriod() {
        return idleTimeout.dividedBy(3);
    }

    QuicSettings withHandshakeTimeout(Duration value) {
        return new QuicSettings(value, idleTimeout, maxIncomingStreams, streamReceiveWindow, connectionReceiveWindow,
                maxPendingWrite);
    }
}
