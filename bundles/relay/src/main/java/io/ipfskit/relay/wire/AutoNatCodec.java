package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes autonat.proto (v1) by hand: Message{type 1, dial 2 {peer 1 {id 1, addrs 2}}, dialResponse 3
 * {status 1, statusText 2, addr 3}}, under {@link RelayCodec}'s bounds (4 KiB, 32 addresses, status text of 256 bytes).
 */
public final class AutoNatCodec {

    /** The longest status text kept. */
    public static final int MAX_STATUS_TEXT = 256;

    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;

    private AutoNatCodec() {
    }

    /** The message body. */
    public static byte[] encode(AutoNatMessage m) {
        return ProtoBytes.encode(out -> {
            out.writeEnum(1, m.type().ordinal());
            if (m.dial() != null) {
                byte[] peer = ProtoBytes.encode(p -> {
                    p.writeByteArray(1, m.dial().id().bytes());
                    for (Multiaddr a : m.dial().addresses()) {
                        p.writeByteArray(2, a.bytes());
                    }
                });
                out.writeByteArray(2, ProtoBytes.encode(d -> d.writeByteArray(1, peer)));
            }
            if (m.status() != null) {
                out.writeByteArray(3, ProtoBytes.encode(r -> {
                    r.writeEnum(1, m.status().code());
                    if (m.statusText() != null) {
                        r.writeString(2, m.statusText());
                    }
                    if (m.address() != null) {
                        r.writeByteArray(3, m.address().bytes());
                    }
                }));
            }
        });
    }

    /** Decodes a message body. */
    public static AutoNatMessage decode(byte[] body) throws RelayProtocolException {
        if (body.length > RelayCodec.MAX_MESSAGE) {
            throw new RelayProtocolException("message of " + body.length + " bytes exceeds " + RelayCodec.MAX_MESSAGE);
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            AutoNatMessage.Type type = null;
            PeerInfo dial = null;
            AutoNatMessage response = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case (1 << 3) | VARINT -> {
                        int t = in.readEnum();
                        if (t < 0 || t > 1) {
                            throw new RelayProtocolException("unknown AutoNAT message type " + t);
                        }
                        type = AutoNatMessage.Type.values()[t];
                    }
                    case (2 << 3) | LENGTH_DELIMITED -> dial = dial(in.readByteArray());
                    case (3 << 3) | LENGTH_DELIMITED -> response = response(in.readByteArray());
                    default -> skip(in, tag);
                }
            }
            if (type == null) {
                throw new RelayProtocolException("AutoNAT message without a type");
            }
            return response == null ? new AutoNatMessage(type, dial, null, null, null)
                    : new AutoNatMessage(type, dial, response.status(), response.statusText(), response.address());
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof RelayProtocolException r ? r : new RelayProtocolException("malformed message: " + e.getMessage());
        }
    }

    private static PeerInfo dial(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        PeerInfo peer = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == ((1 << 3) | LENGTH_DELIMITED)) {
                peer = peer(in.readByteArray());
            } else {
                skip(in, tag);
            }
        }
        return peer;
    }

    private static PeerInfo peer(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        PeerId id = null;
        List<Multiaddr> addresses = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | LENGTH_DELIMITED -> id = PeerId.fromBytes(in.readByteArray());
                case (2 << 3) | LENGTH_DELIMITED -> {
                    if (addresses.size() >= RelayCodec.MAX_ADDRESSES) {
                        throw new RelayProtocolException("more than " + RelayCodec.MAX_ADDRESSES + " addresses");
                    }
                    addresses.add(Multiaddr.decode(in.readByteArray()));
                }
                default -> skip(in, tag);
            }
        }
        if (id == null) {
            throw new RelayProtocolException("AutoNAT PeerInfo without an id");
        }
        return new PeerInfo(id, List.copyOf(addresses));
    }

    private static AutoNatMessage response(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        AutoNatMessage.ResponseStatus status = null;
        String text = null;
        Multiaddr address = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | VARINT -> status = AutoNatMessage.ResponseStatus.of(in.readEnum());
                case (2 << 3) | LENGTH_DELIMITED -> {
                    String t = in.readString();
                    text = t.length() > MAX_STATUS_TEXT ? t.substring(0, MAX_STATUS_TEXT) : t;
                }
                case (3 << 3) | LENGTH_DELIMITED -> address = Multiaddr.decode(in.readByteArray());
                default -> skip(in, tag);
            }
        }
        if (status == null) {
            throw new RelayProtocolException("AutoNAT DialResponse without a status");
        }
        return AutoNatMessage.response(status, text, address);
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new RelayProtocolException("unexpected end group");
        }
    }
}
