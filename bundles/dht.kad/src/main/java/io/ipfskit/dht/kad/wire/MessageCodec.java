package io.ipfskit.dht.kad.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import io.ipfskit.protobuf.support.BoundedFields;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes kad-dht messages by hand, as the spec's proto3 schema: Message{type 1, key 2, record 3 {key 1,
 * value 2, timeReceived 5}, closerPeers 8 {id 1, addrs 2, connection 3}, providerPeers 9, clusterLevelRaw 10}; zero
 * values are left out as proto3 does. Decoding bounds the message, the key, every repeated field and every peer's
 * addresses, skips unknown fields, drops peer entries whose id does not parse and addresses that do not parse, and reports anything else as
 * a {@link MalformedMessageException}.
 */
public final class MessageCodec {

    private static final BoundedFields<MalformedMessageException> FIELDS = new BoundedFields<>(MalformedMessageException::new);

    /** The largest message, framing excluded, either way (go's network.MessageSizeMax). */
    public static final int MAX_MESSAGE = 4 * 1024 * 1024;
    /** The most closer peers one message may carry (an honest server sends k = 20, one more for FIND_NODE's target). */
    public static final int MAX_CLOSER_PEERS = 256;
    /** The most provider peers one message may carry. */
    public static final int MAX_PROVIDER_PEERS = 4096;
    /** The addresses kept of one peer entry; further ones are skipped. */
    public static final int MAX_ADDRESSES = 32;
    /** The longest key or record key. */
    public static final int MAX_KEY = 2048;
    /** The longest peer id accepted in a peer entry. */
    public static final int MAX_PEER_ID = 128;
    /** The longest timeReceived string. */
    public static final int MAX_TIME = 128;

    private MessageCodec() {
    }

    /** The message framed for the wire: its uvarint length, then its body; IllegalArgumentException above the limit. */
    public static byte[] frame(KadMessage message) {
        byte[] body = encode(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + Varint.MAX_BYTES);
        out.writeBytes(Varint.encode(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The message body alone (no length prefix); IllegalArgumentException above the limit. */
    public static byte[] encode(KadMessage message) {
        byte[] record = message.record() == null ? null : record(message.record());
        List<byte[]> closer = message.closerPeers().stream().map(MessageCodec::peer).toList();
        List<byte[]> providers = message.providerPeers().stream().map(MessageCodec::peer).toList();
        int size = 0;
        if (message.type().number() != 0) {
            size += CodedOutputStream.computeEnumSize(1, message.type().number());
        }
        if (message.key().length > 0) {
            size += CodedOutputStream.computeByteArraySize(2, message.key());
        }
        if (record != null) {
            size += CodedOutputStream.computeByteArraySize(3, record);
        }
        for (byte[] p : closer) {
            size += CodedOutputStream.computeByteArraySize(8, p);
        }
        for (byte[] p : providers) {
            size += CodedOutputStream.computeByteArraySize(9, p);
        }
        if (message.clusterLevelRaw() != 0) {
            size += CodedOutputStream.computeInt32Size(10, message.clusterLevelRaw());
        }
        if (size > MAX_MESSAGE) {
            throw new IllegalArgumentException("message of " + size + " bytes exceeds " + MAX_MESSAGE);
        }
        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            if (message.type().number() != 0) {
                o.writeEnum(1, message.type().number());
            }
            if (message.key().length > 0) {
                o.writeByteArray(2, message.key());
            }
            if (record != null) {
                o.writeByteArray(3, record);
            }
            for (byte[] p : closer) {
                o.writeByteArray(8, p);
            }
            for (byte[] p : providers) {
                o.writeByteArray(9, p);
            }
            if (message.clusterLevelRaw() != 0) {
                o.writeInt32(10, message.clusterLevelRaw());
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("message sized wrongly", e);
        }
        return out;
    }

    private static byte[] record(WireRecord r) {
        byte[] time = r.timeReceived() == null ? new byte[0] : r.timeReceived().getBytes(StandardCharsets.UTF_8);
        return ProtoBytes.encode(o -> {
            if (r.key() != null && r.key().length > 0) {
                o.writeByteArray(1, r.key());
            }
            if (r.value() != null && r.value().length > 0) {
                o.writeByteArray(2, r.value());
            }
            if (time.length > 0) {
                o.writeByteArray(5, time);
            }
        });
    }

    private static byte[] peer(WirePeer p) {
        return ProtoBytes.encode(o -> {
            o.writeByteArray(1, p.id().bytes());
            for (Multiaddr a : p.addresses()) {
                o.writeByteArray(2, a.bytes());
            }
            if (p.connection().ordinal() != 0) {
                o.writeEnum(3, p.connection().ordinal());
            }
        });
    }

    /** Decodes one message body. */
    public static KadMessage decode(byte[] body) throws MalformedMessageException {
        if (body.length > MAX_MESSAGE) {
            throw new MalformedMessageException("message of " + body.length + " bytes exceeds " + MAX_MESSAGE);
        }
        try {
            return message(CodedInputStream.newInstance(body));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("malformed kad-dht message: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an array failed", e);
        }
    }

    private static KadMessage message(CodedInputStream in) throws IOException {
        MessageType type = MessageType.PUT_VALUE;
        int cluster = 0;
        byte[] key = null;
        WireRecord record = null;
        List<WirePeer> closer = new ArrayList<>();
        List<WirePeer> providers = new ArrayList<>();
        int closerSeen = 0;
        int providersSeen = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    FIELDS.expect(tag, WireFormat.WIRETYPE_VARINT);
                    type = MessageType.of(in.readEnum());
                }
                case 2 -> key = FIELDS.bytes(in, tag, MAX_KEY, "key");
                case 3 -> record = FIELDS.nested(in, tag, MessageCodec::record);
                case 8 -> {
                    if (++closerSeen > MAX_CLOSER_PEERS) {
                        throw new MalformedMessageException("more than " + MAX_CLOSER_PEERS + " closer peers");
                    }
                    add(closer, FIELDS.nested(in, tag, MessageCodec::peer));
                }
                case 9 -> {
                    if (++providersSeen > MAX_PROVIDER_PEERS) {
                        throw new MalformedMessageException("more than " + MAX_PROVIDER_PEERS + " provider peers");
                    }
                    add(providers, FIELDS.nested(in, tag, MessageCodec::peer));
                }
                case 10 -> {
                    FIELDS.expect(tag, WireFormat.WIRETYPE_VARINT);
                    cluster = in.readInt32();
                }
                default -> FIELDS.skip(in, tag);
            }
        }
        return new KadMessage(type, cluster, key, record, closer, providers);
    }

    private static void add(List<WirePeer> peers, WirePeer peer) {
        if (peer != null) {
            peers.add(peer);
        }
    }

    private static WireRecord record(CodedInputStream in) throws IOException {
        byte[] key = new byte[0];
        byte[] value = new byte[0];
        String time = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = FIELDS.bytes(in, tag, MAX_KEY, "record key");
                case 2 -> value = FIELDS.bytes(in, tag, MAX_MESSAGE, "record value");
                case 5 -> time = new String(FIELDS.bytes(in, tag, MAX_TIME, "timeReceived"), StandardCharsets.UTF_8);
                default -> FIELDS.skip(in, tag);
            }
        }
        return new WireRecord(key, value, time);
    }

    /** A peer entry, or null when its id does not parse (the entry is dropped, as a peer we could not reach). */
    private static WirePeer peer(CodedInputStream in) throws IOException {
        byte[] id = null;
        List<Multiaddr> addresses = new ArrayList<>();
        ConnectionType connection = ConnectionType.NOT_CONNECTED;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> id = FIELDS.bytes(in, tag, MAX_PEER_ID, "peer id");
                case 2 -> {
                    byte[] address = FIELDS.bytes(in, tag, Multiaddr.MAX_LENGTH, "address");
                    if (addresses.size() < MAX_ADDRESSES) {
                        address(address, addresses);
                    }
                }
                case 3 -> {
                    FIELDS.expect(tag, WireFormat.WIRETYPE_VARINT);
                    connection = ConnectionType.of(in.readEnum());
                }
                default -> FIELDS.skip(in, tag);
            }
        }
        if (id == null) {
            return null;
        }
        try {
            return new WirePeer(PeerId.fromBytes(id), addresses, connection);
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    private static void address(byte[] bytes, List<Multiaddr> addresses) {
        try {
            addresses.add(Multiaddr.decode(bytes));
        } catch (IllegalArgumentException unparsable) {
            // dropped, as go drops an address it cannot parse
        }
    }

}
