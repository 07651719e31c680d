package io.ipfskit.api.pubsub;

import io.ipfskit.multiformats.PeerId;
import java.util.List;

/**
 * One pubsub message as it travels: its origin, data, 8-byte sequence number, topics and (under strict signing) the
 * origin's signature and, when the peer id does not inline it, its public key (protobuf); arrays are not copied, so
 * treat them as read-only.
 */
public record PubSubMessage(PeerId from, byte[] data, byte[] seqno, List<String> topics, byte[] signature,
        byte[] key) {

    /** Copies the topic list so the record stays immutable. */
    public PubSubMessage {
        topics = List.copyOf(topics);
    }
}
