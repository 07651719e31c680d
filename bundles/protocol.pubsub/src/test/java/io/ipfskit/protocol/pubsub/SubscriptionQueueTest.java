package io.ipfskit.protocol.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscription's buffer: bounded (the newest dropped when full), in order, and ended by close. */
class SubscriptionQueueTest {

    private static final PeerId FROM = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());

    private static PubSubMessage message(int i) {
        return new PubSubMessage(FROM, new byte[] {(byte) i}, new byte[8], List.of("t"), null, null);
    }

    @Test
    void aSubscriberThatFallsBehindLosesTheNewestBeyondTheBound() throws Exception {
        List<SubscriptionQueue> closed = new ArrayList<>();
        SubscriptionQueue queue = new SubscriptionQueue("t", closed::add);
        for (int i = 0; i < SubscriptionQueue.CAPACITY; i++) {
            assertTrue(queue.offer(message(i)));
        }
        assertFalse(queue.offer(message(99)), "full: dropped");
        for (int i = 0; i < SubscriptionQueue.CAPACITY; i++) {
            assertEquals(i, queue.next(Duration.ofSeconds(1)).orElseThrow().data()[0], "in order");
        }
        assertTrue(queue.next(Duration.ofMillis(10)).isEmpty());
        queue.close();
        assertEquals(List.of(queue), closed, "closing tells the router once");
        queue.close();
        assertEquals(1, closed.size());
        assertFalse(queue.offer(message(1)));
        assertTrue(queue.closed());
    }
}
