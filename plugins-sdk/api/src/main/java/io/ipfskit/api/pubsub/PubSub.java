package io.ipfskit.api.pubsub;

import io.ipfskit.multiformats.PeerId;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The node's publish/subscribe router (GossipSub with floodsub peers), registered once: subscribe to a topic, publish
 * to it, validate what arrives on it. Messages are signed with the node's key, and messages that are not signed by
 * their origin are dropped before any validator or subscriber sees them.
 */
public interface PubSub {

    /** Joins the topic (announcing it to peers) until every subscription to it is closed. */
    Subscription subscribe(String topic);

    /**
     * Signs the data as a new message of ours on the topic and sends it to the topic's peers (subscribed or not);
     * completes once the message passed our validators and was queued to every peer chosen, fails if a validator
     * rejected it or it is larger than the router's message bound.
     */
    CompletionStage<Void> publish(String topic, byte[] data);

    /**
     * Adds a validator for the topic: it runs on every message of the topic (ours and received) before delivery and
     * forwarding. Closing the result removes it. A validator must not block for long: it runs on the router's threads.
     */
    AutoCloseable addValidator(String topic, TopicValidator validator);

    /** The topics we are subscribed to. */
    Set<String> topics();

    /** The connected pubsub peers subscribed to the topic, or every connected pubsub peer when topic is null. */
    Set<PeerId> peers(String topic);
}
