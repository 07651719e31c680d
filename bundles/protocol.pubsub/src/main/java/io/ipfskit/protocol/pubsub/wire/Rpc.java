package io.ipfskit.protocol.pubsub.wire;

import java.util.List;

/**
 * One pubsub RPC as go-libp2p-pubsub's {@code rpc.proto} has it: subscription changes, messages and (GossipSub only)
 * control messages. Message ids are kept as ISO-8859-1 strings, one char per byte, so they compare and hash by value.
 */
public record Rpc(List<Subscription> subscriptions, List<Message> publish, Control control) {

    /** An empty RPC. */
    public static final Rpc EMPTY = new Rpc(List.of(), List.of(), Control.EMPTY);

    /** Copies the lists so the record stays immutable. */
    public Rpc {
        subscriptions = List.copyOf(subscriptions);
        publish = List.copyOf(publish);
    }

    /** Whether there is nothing to send. */
    public boolean isEmpty() {
        return subscriptions.isEmpty() && publish.isEmpty() && control.isEmpty();
    }

    /** An RPC with only these messages. */
    public static Rpc of(List<Message> messages) {
        return new Rpc(List.of(), messages, Control.EMPTY);
    }

    /** A subscribe (true) or unsubscribe (false) announcement. */
    public record Subscription(boolean subscribe, String topic) {
    }

    /**
     * A message; null fields were absent on the wire (absent and empty differ in what is signed). {@code topics} holds
     * the one topic of field 4 (floodsub's old repeated topicIDs may give several).
     */
    public record Message(byte[] from, byte[] data, byte[] seqno, List<String> topics, byte[] signature, byte[] key) {

        /** Copies the topic list. */
        public Message {
            topics = List.copyOf(topics);
        }

        /** This message without its signature and key: the part that is signed. */
        public Message unsigned() {
            return new Message(from, data, seqno, topics, null, null);
        }
    }

    /** GossipSub's control messages. */
    public record Control(List<IHave> ihave, List<IWant> iwant, List<String> graft, List<Prune> prune) {

        /** No control messages. */
        public static final Control EMPTY = new Control(List.of(), List.of(), List.of(), List.of());

        /** Copies the lists. */
        public Control {
            ihave = List.copyOf(ihave);
            iwant = List.copyOf(iwant);
            graft = List.copyOf(graft);
            prune = List.copyOf(prune);
        }

        /** Whether there is no control message. */
        public boolean isEmpty() {
            return ihave.isEmpty() && iwant.isEmpty() && graft.isEmpty() && prune.isEmpty();
        }
    }

    /** The ids of messages we hold for a topic. */
    public record IHave(String topic, List<String> messageIds) {
        /** Copies the ids. */
        public IHave {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** The ids of messages asked for. */
    public record IWant(List<String> messageIds) {
        /** Copies the ids. */
        public IWant {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** Leaves a mesh: peers to try instead (peer exchange) and the backoff in seconds (0 when absent). */
    public record Prune(String topic, List<PeerExchange> peers, long backoffSeconds) {
        /** Copies the peers. */
        public Prune {
            peers = List.copyOf(peers);
        }
    }

    /** One peer of a PRUNE's peer exchange: its id and, optionally, its signed peer record. */
    public record PeerExchange(byte[] peerId, byte[] signedPeerRecord) {
    }
}
