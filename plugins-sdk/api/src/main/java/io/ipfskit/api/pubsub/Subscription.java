package io.ipfskit.api.pubsub;

import java.time.Duration;
import java.util.Optional;

/**
 * One subscription to a topic: the messages that arrive, in order, from a bounded buffer (a subscriber that falls
 * further behind loses the newest messages, as go-libp2p-pubsub's); {@link #close()} cancels it.
 */
public interface Subscription extends AutoCloseable {

    /** The topic. */
    String topic();

    /** The next message, waiting at most {@code timeout}; empty on timeout or once closed. */
    Optional<PubSubMessage> next(Duration timeout) throws InterruptedException;

    /** Whether the subscription was closed (by the caller or because the router stopped). */
    boolean closed();

    /** Cancels the subscription; leaves the topic when it was its last. */
    @Override
    void close();
}
