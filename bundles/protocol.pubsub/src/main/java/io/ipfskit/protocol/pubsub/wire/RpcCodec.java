package io.ipfskit.protocol.pubsub.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import io.ipfskit.protobuf.support.BoundedFields;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes go-libp2p-pubsub's {@code rpc.proto} by hand: RPC{subscriptions 1 {subscribe 1, topicid 2},
 * publish 2 (Message{from 1, data 2, seqno 3, topic 4, signature 5, key 6}), control 3 {ihave 1 {topicID 1, messageIDs
 * 2}, iwant 2 {messageIDs 1}, graft 3 {topicID 1}, prune 4 {topicID 1, peers 2 {peerID 1, signedPeerRecord 2}, backoff
 * 3}}}; IDONTWANT (v1.2) and unknown fields are skipped. Decoding is bounded: an RPC of at most {@link #MAX_RPC} bytes,
 * topics, ids and keys by length, at most {@link #MAX_SUBSCRIPTIONS} subscriptions (more is malformed), and message ids
 * (IHAVE and IWANT together), GRAFTs, PRUNEs and exchanged peers kept up to their bounds, the rest skipped unread.
 */
public final class RpcCodec {

    private static final BoundedFields<MalformedRpcException> FIELDS = new BoundedFields<>(MalformedRpcException::new);

    /** The largest RPC, framing excluded (go-libp2p-pubsub's default maximum message size). */
    public static final int MAX_RPC = 1024 * 1024;
    /** The longest topic, in UTF-8 bytes. */
    public static final int MAX_TOPIC = 4096;
    /** The most subscription changes one RPC may carry. */
    public static final int MAX_SUBSCRIPTIONS = 1024;
    /** The message ids kept of one RPC, IHAVEs and IWANTs together (go's MaxIHaveLength); the rest are skipped. */
    public static final int MAX_MESSAGE_IDS = 5000;
    /** The longest message id. */
    public static final int MAX_MESSAGE_ID = 1024;
    /** The GRAFTs, and separately the PRUNEs, kept of one RPC. */
    public static final int MAX_GRAFTS = 1024;
    /** The exchanged peers kept of one PRUNE (go's PrunePeers). */
    public static final int MAX_EXCHANGED_PEERS = 16;
    /** The longest peer id, sequence number, signature, public key and signed peer record. */
    static final int MAX_PEER_ID = 128;
    static final int MAX_SEQNO = 64;
    static final int MAX_SIGNATURE = 2048;
    static final int MAX_KEY = 4200;
    static final int MAX_PEER_RECORD = 8192;

    private RpcCodec() {
    }

    /** The RPC framed for the wire: its uvarint length, then its body. */
    public static byte[] frame(Rpc rpc) {
        byte[] body = encode(rpc);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + Varint.MAX_BYTES);
        out.writeBytes(Varint.encode(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The RPC's body alone. */
    public static byte[] encode(Rpc rpc) {
        return ProtoBytes.encode(o -> {
            for (Rpc.Subscription s : rpc.subscriptions()) {
                o.writeByteArray(1, ProtoBytes.encode(p -> {
                    p.writeBool(1, s.subscribe());
                    p.writeString(2, s.topic());
                }));
            }
            for (Rpc.Message m : rpc.publish()) {
                o.writeByteArray(2, encode(m));
            }
            if (!rpc.control().isEmpty()) {
                o.writeByteArray(3, control(rpc.control()));
            }
        });
    }

    /** A message's encoding, fields in number order with absent (null) ones left out: what is signed, unsigned. */
    public static byte[] encode(Rpc.Message m) {
        return ProtoBytes.encode(o -> {
            optional(o, 1, m.from());
            optional(o, 2, m.data());
            optional(o, 3, m.seqno());
            for (String topic : m.topics()) {
                o.writeString(4, topic);
            }
            optional(o, 5, m.signature());
            optional(o, 6, m.key());
        });
    }

    private static byte[] control(Rpc.Control c) {
        return ProtoBytes.encode(o -> {
            for (Rpc.IHave h : c.ihave()) {
                o.writeByteArray(1, ProtoBytes.encode(p -> {
                    p.writeString(1, h.topic());
                    for (String id : h.messageIds()) {
                        p.writeByteArray(2, id.getBytes(StandardCharsets.ISO_8859_1));
                    }
                }));
            }
            for (Rpc.IWant w : c.iwant()) {
                o.writeByteArray(2, ProtoBytes.encode(p -> {
                    for (String id : w.messageIds()) {
                        p.writeByteArray(1, id.getBytes(StandardCharsets.ISO_8859_1));
                    }
                }));
            }
            for (String topic : c.graft()) {
                o.writeByteArray(3, ProtoBytes.encode(p -> p.writeString(1, topic)));
            }
            for (Rpc.Prune prune : c.prune()) {
                o.writeByteArray(4, ProtoBytes.encode(p -> {
                    p.writeString(1, prune.topic());
                    for (Rpc.PeerExchange peer : prune.peers()) {
                        p.writeByteArray(2, ProtoBytes.encode(q -> {
                            q.writeByteArray(1, peer.peerId());
                            optional(q, 2, peer.signedPeerRecord());
                        }));
                    }
                    if (prune.backoffSeconds() > 0) {
                        p.writeUInt64(3, prune.backoffSeconds());
                    }
                }));
            }
        });
    }

    private static void optional(CodedOutputStream o, int field, byte[] value) throws IOException {
        if (value != null) {
            o.writeByteArray(field, value);
        }
    }

    /** Decodes one RPC body. */
    public static Rpc decode(byte[] body) throws MalformedRpcException {
        if (body.length > MAX_RPC) {
            throw new MalformedRpcException("RPC of " + body.length + " bytes exceeds " + MAX_RPC);
        }
        try {
            return new Decoder().rpc(CodedInputStream.newInstance(body));
        } catch (MalformedRpcException e) {
            throw e;
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRpcException("malformed pubsub RPC: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an array failed", e);
        }
    }

    /** One RPC's decoding, counting what is bounded per RPC. */
    private static final class Decoder {
        private int messageIds;
        private int grafts;
        private int prunes;

        Rpc rpc(CodedInputStream in) throws IOException {
            List<Rpc.Subscription> subscriptions = new ArrayList<>();
            List<Rpc.Message> publish = new ArrayList<>();
            Rpc.Control control = Rpc.Control.EMPTY;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        if (subscriptions.size() == MAX_SUBSCRIPTIONS) {
                            throw new MalformedRpcException("more than " + MAX_SUBSCRIPTIONS + " subscriptions");
                        }
                        subscriptions.add(FIELDS.nested(in, tag, this::subscription));
                    }
                    case 2 -> publish.add(FIELDS.nested(in, tag, this::message));
                    case 3 -> control = merge(control, FIELDS.nested(in, tag, this::control));
                    default -> FIELDS.skip(in, tag);
                }
            }
            return new Rpc(subscriptions, publish, control);
        }

        private Rpc.Subscription subscription(CodedInputStream in) throws IOException {
            boolean subscribe = false;
            String topic = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        FIELDS.expect(tag, WireFormat.WIRETYPE_VARINT);
                        subscribe = in.readBool();
                    }
                    case 2 -> topic = topic(in, tag);
                    default -> FIELDS.skip(in, tag);
                }
            }
            if (topic == null) {
                throw new MalformedRpcException("subscription without a topic");
            }
            return new Rpc.Subscription(subscribe, topic);
        }

        private Rpc.Message message(CodedInputStream in) throws IOException {
            byte[] from = null;
            byte[] data = null;
            byte[] seqno = null;
            byte[] signature = null;
            byte[] key = null;
            List<String> topics = new ArrayList<>(1);
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> from = FIELDS.bytes(in, tag, MAX_PEER_ID, "from");
                    case 2 -> data = FIELDS.bytes(in, tag, MAX_RPC, "data");
                    case 3 -> seqno = FIELDS.bytes(in, tag, MAX_SEQNO, "seqno");
                    case 4 -> {
                        if (topics.size() == MAX_SUBSCRIPTIONS) {
                            throw new MalformedRpcException("a message with more than " + MAX_SUBSCRIPTIONS + " topics");
                        }
                        topics.add(topic(in, tag));
                    }
                    case 5 -> signature = FIELDS.bytes(in, tag, MAX_SIGNATURE, "signature");
                    case 6 -> key = FIELDS.bytes(in, tag, MAX_KEY, "key");
                    default -> FIELDS.skip(in, tag);
                }
            }
            return new Rpc.Message(from, data, seqno, topics, signature, key);
        }

        private Rpc.Control control(CodedInputStream in) throws IOException {
            List<Rpc.IHave> ihave = new ArrayList<>();
            List<Rpc.IWant> iwant = new ArrayList<>();
            List<String> graft = new ArrayList<>();
            List<Rpc.Prune> prune = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> ihave.add(FIELDS.nested(in, tag, this::ihave));
                    case 2 -> iwant.add(new Rpc.IWant(FIELDS.nested(in, tag, sub -> ids(sub, 1, new ArrayList<>()))));
                    case 3 -> {
                        String topic = FIELDS.nested(in, tag, this::graft);
                        if (++grafts <= MAX_GRAFTS && topic != null) {
                            graft.add(topic);
                        }
                    }
                    case 4 -> {
                        Rpc.Prune p = FIELDS.nested(in, tag, this::prune);
                        if (++prunes <= MAX_GRAFTS && p.topic() != null) {
                            prune.add(p);
                        }
                    }
                    default -> FIELDS.skip(in, tag);
                }
            }
            return new Rpc.Control(ihave, iwant, graft, prune);
        }

        private Rpc.IHave ihave(CodedInputStream in) throws IOException {
            String topic = "";
            List<String> ids = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> topic = topic(in, tag);
                    case 2 -> id(in, tag, ids);
                    default -> FIELDS.skip(in, tag);
                }
            }
            return new Rpc.IHave(topic, ids);
        }

        private List<String> ids(CodedInputStream in, int field, List<String> ids) throws IOException {
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == field) {
                    id(in, tag, ids);
                } else {
                    FIELDS.skip(in, tag);
                }
            }
            return ids;
        }

        /** Keeps the id while the RPC's id budget lasts; beyond it the id is skipped without being copied. */
        private void id(CodedInputStream in, int tag, List<String> ids) throws IOException {
            FIELDS.expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            int length = in.readRawVarint32();
            if (length < 0 || length > MAX_MESSAGE_ID) {
                throw new MalformedRpcException("message id of " + length + " bytes (at most " + MAX_MESSAGE_ID + ")");
            }
            if (++messageIds > MAX_MESSAGE_IDS) {
                in.skipRawBytes(length);
                return;
            }
            ids.add(new String(in.readRawBytes(length), StandardCharsets.ISO_8859_1));
        }

        private String graft(CodedInputStream in) throws IOException {
            String topic = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == 1) {
                    topic = topic(in, tag);
                } else {
                    FIELDS.skip(in, tag);
                }
            }
            return topic;
        }

        private Rpc.Prune prune(CodedInputStream in) throws IOException {
            String topic = null;
            List<Rpc.PeerExchange> peers = new ArrayList<>();
            long backoff = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> topic = topic(in, tag);
                    case 2 -> {
                        Rpc.PeerExchange peer = FIELDS.nested(in, tag, this::peer);
                        if (peers.size() < MAX_EXCHANGED_PEERS && peer.peerId() != null) {
                            peers.add(peer);
                        }
                    }
                    case 3 -> {
                        FIELDS.expect(tag, WireFormat.WIRETYPE_VARINT);
                        backoff = in.readUInt64();
                    }
                    default -> FIELDS.skip(in, tag);
                }
            }
            return new Rpc.Prune(topic, peers, backoff);
        }

        private Rpc.PeerExchange peer(CodedInputStream in) throws IOException {
            byte[] id = null;
            byte[] record = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> id = FIELDS.bytes(in, tag, MAX_PEER_ID, "peer id");
                    case 2 -> record = FIELDS.bytes(in, tag, MAX_PEER_RECORD, "signed peer record");
                    default -> FIELDS.skip(in, tag);
                }
            }
            return new Rpc.PeerExchange(id, record);
        }
    }

    private static Rpc.Control merge(Rpc.Control a, Rpc.Control b) {
        if (a.isEmpty()) {
            return b;
        }
        return new Rpc.Control(concat(a.ihave(), b.ihave()), concat(a.iwant(), b.iwant()), concat(a.graft(), b.graft()),
                concat(a.prune(), b.prune()));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String topic(CodedInputStream in, int tag) throws IOException {
        return new String(FIELDS.bytes(in, tag, MAX_TOPIC, "topic"), StandardCharsets.UTF_8);
    }

}
