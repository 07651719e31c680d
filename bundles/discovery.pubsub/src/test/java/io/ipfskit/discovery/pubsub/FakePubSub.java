package io.ipfskit.discovery.pubsub;

import io.ipfskit.api.pubsub.PubSub;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import io.ipfskit.api.pubsub.TopicValidator;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A PubSub of one subscription whose messages the test delivers; it records what is published and names set peers. */
final class FakePubSub implements PubSub {

    final List<byte[]> published = new CopyOnWriteArrayList<>();
    final BlockingQueue<PubSubMessage> inbox = new LinkedBlockingQueue<>();
    volatile Set<PeerId> peers = Set.of();
    volatile boolean closed;

    /** Delivers a message from the peer on the discovery topic. */
    void deliver(PeerId from, byte[] data) {
        inbox.add(new PubSubMessage(from, data, new byte[8], List.of(PeerMessage.TOPIC), new byte[64], null));
    }

    @Override
    public Subscription subscribe(String topic) {
        return new Subscription() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public Optional<PubSubMessage> next(Duration timeout) throws InterruptedException {
                return Optional.ofNullable(inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
            }

            @Override
            public boolean closed() {
                return closed;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Override
    public CompletionStage<Void> publish(String topic, byte[] data) {
        published.add(data);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public AutoCloseable addValidator(String topic, TopicValidator validator) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Set<String> topics() {
        return closed ? Set.of() : Set.of(PeerMessage.TOPIC);
    }

    @Override
    public Set<PeerId> peers(String topic) {
        return peers;
    }
}
