package io.ipfskit.relay.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Varint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes circuit.proto by hand: HopMessage{type 1, peer 2, reservation 3, limit 4, status 5},
 * StopMessage{type 1, peer 2, limit 3, status 4}, Peer{id 1, addrs 2}, Reservation{expire 1, addrs 2, voucher 3},
 * Limit{duration 1, data 2}. Decoding bounds the message and every repeated field, validates peer ids and multiaddrs,
 * skips unknown fields and reports anything else as a {@link RelayProtocolException}.
 */
public final class RelayCodec {

    /** The largest message either way, framing excluded (go-libp2p allows 4 KiB too). */
    public static final int MAX_MESSAGE = 4096;
    /** The most addresses one Peer or Reservation may list. */
    public static final int MAX_ADDRESSES = 32;
    /** The longest voucher envelope accepted. */
    public static final int MAX_VOUCHER = 1024;

    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
    private static final int VARINT = WireFormat.WIRETYPE_VARINT;

    private RelayCodec() {
    }

    /** The body behind its unsigned-varint length, as it goes on the wire. */
    public static byte[] frame(byte[] body) {
        byte[] prefix = Varint.encode(body.length);
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    /** The HopMessage body. */
    public static byte[] encode(HopMessage m) {
        return ProtoBytes.encode(out -> {
            out.writeEnum(1, m.type().ordinal());
            if (m.peer() != null) {
                out.writeByteArray(2, peer(m.peer()));
            }
            if (m.reservation() != null) {
                out.writeByteArray(3, reservation(m.reservation()));
            }
            if (m.limit() != null) {
                out.writeByteArray(4, limit(m.limit()));
            }
            if (m.status() != null) {
                out.writeEnum(5, m.status().code());
            }
        });
    }

    /** The StopMessage body. */
    public static byte[] encode(StopMessage m) {
        return ProtoBytes.encode(out -> {
            out.writeEnum(1, m.type().ordinal());
            if (m.peer() != null) {
                out.writeByteArray(2, peer(m.peer()));
            }
            if (m.limit() != null) {
                out.writeByteArray(3, limit(m.limit()));
            }
            if (m.status() != null) {
                out.writeEnum(4, m.status().code());
            }
        });
    }

    /** Decodes a HopMessage body. */
    public static HopMessage decodeHop(byte[] body) throws RelayProtocolException {
        CodedInputStream in = open(body);
        HopMessage.Type type = null;
        PeerInfo peer = null;
        Reservation reservation = null;
        Limit limit = null;
        Status status = null;
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case (1 << 3) | VARINT -> type = enumOf(HopMessage.Type.values(), in.readEnum());
                    case (2 << 3) | LENGTH_DELIMITED -> peer = decodePeer(in.readByteArray());
                    case (3 << 3) | LENGTH_DELIMITED -> reservation = decodeReservation(in.readByteArray());
                    case (4 << 3) | LENGTH_DELIMITED -> limit = decodeLimit(in.readByteArray());
                    case (5 << 3) | VARINT -> status = Status.of(in.readEnum());
                    default -> skip(in, tag);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(e);
        }
        if (type == null) {
            throw new RelayProtocolException("HopMessage without a type");
        }
        return new HopMessage(type, peer, reservation, limit, status);
    }

    /** Decodes a StopMessage body. */
    public static StopMessage decodeStop(byte[] body) throws RelayProtocolException {
        CodedInputStream in = open(body);
        StopMessage.Type type = null;
        PeerInfo peer = null;
        Limit limit = null;
        Status status = null;
        try {
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case (1 << 3) | VARINT -> type = enumOf(StopMessage.Type.values(), in.readEnum());
                    case (2 << 3) | LENGTH_DELIMITED -> peer = decodePeer(in.readByteArray());
                    case (3 << 3) | LENGTH_DELIMITED -> limit = decodeLimit(in.readByteArray());
                    case (4 << 3) | VARINT -> status = Status.of(in.readEnum());
                    default -> skip(in, tag);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(e);
        }
        if (type == null) {
            throw new RelayProtocolException("StopMessage without a type");
        }
        return new StopMessage(type, peer, limit, status);
    }

    private static PeerInfo decodePeer(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        PeerId id = null;
        List<Multiaddr> addresses = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | LENGTH_DELIMITED -> id = PeerId.fromBytes(in.readByteArray());
                case (2 << 3) | LENGTH_DELIMITED -> addresses.add(address(in.readByteArray(), addresses.size()));
                default -> skip(in, tag);
            }
        }
        if (id == null) {
            throw new RelayProtocolException("Peer without an id");
        }
        return new PeerInfo(id, List.copyOf(addresses));
    }

    private static Reservation decodeReservation(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        long expire = -1;
        List<Multiaddr> addresses = new ArrayList<>();
        byte[] voucher = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | VARINT -> expire = in.readUInt64();
                case (2 << 3) | LENGTH_DELIMITED -> addresses.add(address(in.readByteArray(), addresses.size()));
                case (3 << 3) | LENGTH_DELIMITED -> {
                    voucher = in.readByteArray();
                    if (voucher.length > MAX_VOUCHER) {
                        throw new RelayProtocolException("voucher longer than " + MAX_VOUCHER + " bytes");
                    }
                }
                default -> skip(in, tag);
            }
        }
        if (expire < 0) {
            throw new RelayProtocolException("Reservation without expire");
        }
        return new Reservation(expire, List.copyOf(addresses), voucher);
    }

    private static Limit decodeLimit(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        long duration = 0;
        long data = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case (1 << 3) | VARINT -> duration = in.readUInt32() & 0xffffffffL;
                case (2 << 3) | VARINT -> data = in.readUInt64();
                default -> skip(in, tag);
            }
        }
        return new Limit(duration, data);
    }

    private static Multiaddr address(byte[] bytes, int count) throws RelayProtocolException {
        if (count >= MAX_ADDRESSES) {
            throw new RelayProtocolException("more than " + MAX_ADDRESSES + " addresses");
        }
        return Multiaddr.decode(bytes);
    }

    private static <T> T enumOf(T[] values, int ordinal) throws RelayProtocolException {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new RelayProtocolException("unknown message type " + ordinal);
        }
        return values[ordinal];
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new RelayProtocolException("unexpected end group");
        }
    }

    private static CodedInputStream open(byte[] body) throws RelayProtocolException {
        if (body.length > MAX_MESSAGE) {
            throw new RelayProtocolException("message of " + body.length + " bytes exceeds " + MAX_MESSAGE);
        }
        return CodedInputStream.newInstance(body);
    }

    private static RelayProtocolException malformed(Exception e) {
        return e instanceof RelayProtocolException r ? r : new RelayProtocolException("malformed message: " + e.getMessage());
    }

    private static byte[] peer(PeerInfo p) {
        return ProtoBytes.encode(out -> {
            out.writeByteArray(1, p.id().bytes());
            for (Multiaddr a : p.addresses()) {
                out.writeByteArray(2, a.bytes());
            }
        });
    }

    private static byte[] reservation(Reservation r) {
        return ProtoBytes.encode(out -> {
            out.writeUInt64(1, r.expire());
            for (Multiaddr a : r.addresses()) {
                out.writeByteArray(2, a.bytes());
            }
            if (r.voucher() != null) {
                out.writeByteArray(3, r.voucher());
            }
        });
    }

    private static byte[] limit(Limit l) {
        return ProtoBytes.encode(out -> {
            if (l.durationSeconds() > 0) {
                out.writeUInt32(1, (int) Math.min(l.durationSeconds(), 0xffffffffL));
            }
            if (l.dataBytes() > 0) {
                out.writeUInt64(2, l.dataBytes());
            }
        });
    }

    /** Writes protobuf fields into a fresh array. */}
