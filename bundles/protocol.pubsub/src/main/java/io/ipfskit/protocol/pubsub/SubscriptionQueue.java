package io.ipfskit.protocol.pubsub;

import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/** A subscription's buffer of {@link #CAPACITY} messages (go-libp2p-pubsub's 32): when full, new messages are dropped. */
final class SubscriptionQueue implements Subscription {

    /** Messages buffered at most. */
    static final int CAPACITY = 32;

    private final String topic;
    private final Consumer<SubscriptionQueue> onClose;
    private final ArrayDeque<PubSubMessage> messages = new ArrayDeque<>();
    private boolean closed;

    SubscriptionQueue(String topic, Consumer<SubscriptionQueue> onClose) {
        this.topic = topic;
        this.onClose = onClose;
    }

    @Override
    public String topic() {
        return topic;
    }

    /** Buffers a message; false (and dropped) when full or closed. */
    synchronized boolean offer(PubSubMessage message) {
        if (closed || messages.size() >= CAPACITY) {
            return false;
        }
        messages.add(message);
        notifyAll();
        return true;
    }

    @Override
    public synchronized Optional<PubSubMessage> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Optional.ofNullable(messages.poll());
    }

    @Override
    public synchronized boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            messages.clear();
            notifyAll();
        }
        onClose.accept(this);
    }
}
