package io.ipfskit.api.pubsub;

/** Decides what happens to a message of a topic before it is delivered or forwarded (go-libp2p-pubsub's validators). */
@FunctionalInterface
public interface TopicValidator {

    /** The outcome of a validation. */
    enum Result {
        /** Deliver and forward. */
        ACCEPT,
        /** Drop, and penalise the peer that sent it. */
        REJECT,
        /** Drop without penalty. */
        IGNORE
    }

    /** Validates the message; must not block for long. */
    Result validate(PubSubMessage message);
}
