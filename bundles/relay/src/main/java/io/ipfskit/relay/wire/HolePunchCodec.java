package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * DCUtR's {@code holepunch.pb.HolePunch{type 1, ObsAddrs 2}} by hand. Decoding bounds the message
 * ({@link RelayCodec#MAX_MESSAGE}) and the addresses ({@link RelayCodec#MAX_ADDRESSES}); an address that does not
 * parse is dropped (the spec's peers may list ones we cannot read), anything else malformed is a
 * {@link RelayProtocolException}.
 */
public final class HolePunchCodec {

    private HolePunchCodec() {
    }

    /** The message body. */
    public static byte[] encode(HolePunchMessage m) {
        return ProtoBytes.encode(out -> {
            out.writeEnum(1, m.type().code());
            for (Multiaddr address : m.addresses()) {
                out.writeByteArray(2, address.bytes());
            }
        });
    }

    /** Decodes a message body. */
    public static HolePunchMessage decode(byte[] body) throws RelayProtocolException {
        if (body.length > RelayCodec.MAX_MESSAGE) {
            throw new RelayProtocolException("message of " + body.length + " bytes exceeds " + RelayCodec.MAX_MESSAGE);
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            HolePunchMessage.Type type = null;
            List<Multiaddr> addresses = new ArrayList<>();
            int seen = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (tag == ((1 << 3) | WireFormat.WIRETYPE_VARINT)) {
                    type = type(in.readEnum());
                } else if (tag == ((2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    if (++seen > RelayCodec.MAX_ADDRESSES) {
                        throw new RelayProtocolException("more than " + RelayCodec.MAX_ADDRESSES + " addresses");
                    }
                    byte[] bytes = in.readByteArray();
                    try {
                        addresses.add(Multiaddr.decode(bytes));
                    } catch (IllegalArgumentException unreadable) {
                        // ignored: one address we cannot parse costs the peer that address only
                    }
                } else if (!in.skipField(tag)) {
                    throw new RelayProtocolException("unexpected end group");
                }
            }
            if (type == null) {
                throw new RelayProtocolException("HolePunch message without a type");
            }
            return new HolePunchMessage(type, List.copyOf(addresses));
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof RelayProtocolException r ? r : new RelayProtocolException("malformed message: " + e.getMessage());
        }
    }

    private static HolePunchMessage.Type type(int code) throws RelayProtocolException {
        for (HolePunchMessage.Type t : HolePunchMessage.Type.values()) {
            if (t.code() == code) {
                return t;
            }
        }
        throw new RelayProtocolException("unknown HolePunch type " + code);
    }
}
