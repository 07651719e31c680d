package io.ipfskit.cluster;

import io.ipfskit.cluster.wire.Body;
import io.ipfskit.cluster.wire.ClusterCodec;
import io.ipfskit.cluster.wire.ClusterMessage;
import io.ipfskit.multiformats.PeerId;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Seals our messages with the time and a counter that increases with every message, across restarts too (it never
 * falls below the clock in microseconds), and hands them to the topic. Its lock is taken last by its callers.
 */
final class Sender {

    private final PeerId self;
    private final byte[] secret;
    private final LongSupplier clock;
    private final Consumer<byte[]> outbox;
    private long counter;

    /** Seals for this sender with the secret, on this clock (Unix ms), into the outbox. */
    Sender(PeerId self, byte[] secret, LongSupplier clock, Consumer<byte[]> outbox) {
        this.self = self;
        this.secret = secret.clone();
        this.clock = clock;
        this.outbox = outbox;
    }

    /** Seals and sends one message. */
    synchronized void send(ClusterMessage message) {
        long now = clock.getAsLong();
        counter = Math.max(counter + 1, now * 1000);
        outbox.accept(ClusterCodec.seal(new Body(now, counter, message), secret, self));
    }
}
