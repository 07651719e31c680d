package io.ipfskit.cluster.wire;

import io.ipfskit.protobuf.support.ProtoBytes;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes and reads {@code src/main/proto/cluster.proto} by hand: an {@code Envelope{body 1, hmac 2}} whose HMAC-SHA256
 * with the cluster's secret covers the body followed by the sender's peer id bytes, so a body is valid only from the
 * sender it was sealed for. Reading is bounded: at most {@link #MAX_ENVELOPE} bytes, and the counts and lengths below;
 * a message beyond any bound, with unknown enum values or a bad HMAC is refused whole. Unknown fields are skipped.
 */
public final class ClusterCodec {

    /** The largest envelope read. */
    public static final int MAX_ENVELOPE = 256 * 1024;
    /** Hot CIDs in one heartbeat at most. */
    public static final int MAX_HOT = 32;
    /** Pins in one pin-state message at most. */
    public static final int MAX_PINS = 128;
    /** Workers one pin is placed on at most (the highest replication). */
    public static final int MAX_ALLOCATIONS = 16;
    /** Statuses in one report at most. */
    public static final int MAX_STATUSES = 256;
    /** The longest error text, in UTF-8 bytes. */
    public static final int MAX_ERROR = 512;
    /** The length of the secret, as ipfs-cluster's. */
    public static final int SECRET_BYTES = 32;

    private static final int MAX_CID = 128;
    private static final int MAX_PEER_ID = 128;
    private static final int HMAC_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private ClusterCodec() {
    }

    /** The envelope of the body, sealed with the secret for the sender. */
    public static byte[] seal(Body body, byte[] secret, PeerId sender) {
        byte[] encoded = encode(body);
        return ProtoBytes.encode(out -> {
            out.writeByteArray(1, encoded);
            out.writeByteArray(2, hmac(secret, encoded, sender));
        });
    }

    /** The body of an envelope, once its size, its HMAC for this sender and every bound were checked. */
    public static Body open(byte[] envelope, byte[] secret, PeerId sender) throws MalformedClusterMessageException {
        if (envelope == null || envelope.length > MAX_ENVELOPE) {
            throw new MalformedClusterMessageException("oversized");
        }
        byte[] body = null;
        byte[] mac = null;
        try {
            CodedInputStream in = CodedInputStream.newInstance(envelope);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (field(tag)) {
                    case 1 -> body = bytes(in, tag, MAX_ENVELOPE);
                    case 2 -> mac = bytes(in, tag, HMAC_BYTES);
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new MalformedClusterMessageException("malformed envelope: " + e.getMessage());
        }
        if (body == null || mac == null || !MessageDigest.isEqual(mac, hmac(secret, body, sender))) {
            throw new MalformedClusterMessageException("bad hmac");
        }
        return decode(body);
    }

    /** The pins as a {@code PinState} without the per-message bound: the master's own state file. */
    public static byte[] encodePins(List<ClusterPin> pins) {
        return pinState(new PinState(pins));
    }

    /** Reads {@link #encodePins}'s output back, each pin within its bounds, any number of them. */
    public static List<ClusterPin> decodePins(byte[] data) throws MalformedClusterMessageException {
        List<ClusterPin> pins = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(data);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (field(tag) == 1) {
                    pins.add(readPin(bytes(in, tag, MAX_ENVELOPE)));
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedClusterMessageException("malformed pin state: " + e.getMessage());
        }
        return pins;
    }

    /** HMAC-SHA256 with the secret over the body followed by the sender's peer id bytes. */
    static byte[] hmac(byte[] secret, byte[] body, PeerId sender) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update(body);
            return mac.doFinal(sender.bytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    /** The body's protobuf encoding. */
    static byte[] encode(Body body) {
        return ProtoBytes.encode(out -> {
            out.writeUInt64(1, body.timestampMs());
            out.writeUInt64(2, body.counter());
            ClusterMessage message = body.message();
            if (message instanceof Heartbeat h) {
                out.writeByteArray(3, heartbeat(h));
            } else if (message instanceof PinState s) {
                out.writeByteArray(4, pinState(s));
            } else {
                out.writeByteArray(5, statusReport((StatusReport) message));
            }
        });
    }

    private static byte[] heartbeat(Heartbeat h) {
        return ProtoBytes.encode(out -> {
            out.writeString(1, h.role().id());
            out.writeUInt64(2, h.capacity());
            out.writeUInt64(3, h.free());
            out.writeDouble(4, h.load());
            for (HotCid hot : h.hot()) {
                out.writeByteArray(5, ProtoBytes.encode(o -> {
                    o.writeByteArray(1, hot.cid().bytes());
                    o.writeDouble(2, hot.heat());
                }));
            }
        });
    }

    private static byte[] pinState(PinState state) {
        return ProtoBytes.encode(out -> {
            for (ClusterPin pin : state.pins()) {
                out.writeByteArray(1, ProtoBytes.encode(o -> {
                    o.writeByteArray(1, pin.cid().bytes());
                    o.writeUInt32(2, pin.replication());
                    for (PeerId peer : pin.allocations()) {
                        o.writeByteArray(3, peer.bytes());
                    }
                }));
            }
        });
    }

    private static byte[] statusReport(StatusReport report) {
        return ProtoBytes.encode(out -> {
            for (PinStatus status : report.statuses()) {
                out.writeByteArray(1, ProtoBytes.encode(o -> {
                    o.writeByteArray(1, status.cid().bytes());
                    o.writeEnum(2, status.status().ordinal());
                    o.writeString(3, status.error());
                    o.writeUInt64(4, status.timestampMs());
                }));
            }
        });
    }

    /** Decodes a body within the bounds. */
    static Body decode(byte[] body) throws MalformedClusterMessageException {
        try {
            long timestamp = 0;
            long counter = 0;
            ClusterMessage message = null;
            CodedInputStream in = CodedInputStream.newInstance(body);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (field(tag)) {
                    case 1 -> timestamp = in.readUInt64();
                    case 2 -> counter = in.readUInt64();
                    case 3 -> message = readHeartbeat(bytes(in, tag, MAX_ENVELOPE));
                    case 4 -> message = readPinState(bytes(in, tag, MAX_ENVELOPE));
                    case 5 -> message = readStatusReport(bytes(in, tag, MAX_ENVELOPE));
                    default -> in.skipField(tag);
                }
            }
            if (message == null) {
                throw new MalformedClusterMessageException("no message in the body");
            }
            return new Body(timestamp, counter, message);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedClusterMessageException("malformed body: " + e.getMessage());
        }
    }

    private static Heartbeat readHeartbeat(byte[] data) throws IOException, MalformedClusterMessageException {
        String role = null;
        long capacity = 0;
        long free = 0;
        double load = 0;
        List<HotCid> hot = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> role = new String(bytes(in, tag, 16), StandardCharsets.UTF_8);
                case 2 -> capacity = in.readUInt64();
                case 3 -> free = in.readUInt64();
                case 4 -> load = in.readDouble();
                case 5 -> {
                    bound(hot.size() < MAX_HOT, "too many hot CIDs");
                    hot.add(readHot(bytes(in, tag, MAX_CID + 16)));
                }
                default -> in.skipField(tag);
            }
        }
        bound(role != null, "a heartbeat without a role");
        bound(Double.isFinite(load) && load >= 0, "bad load");
        return new Heartbeat(NodeRole.parse(role), capacity, free, load, hot);
    }

    private static HotCid readHot(byte[] data) throws IOException, MalformedClusterMessageException {
        Cid cid = null;
        double heat = 0;
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> cid = Cid.decode(bytes(in, tag, MAX_CID));
                case 2 -> heat = in.readDouble();
                default -> in.skipField(tag);
            }
        }
        bound(cid != null && Double.isFinite(heat) && heat >= 0, "bad hot CID");
        return new HotCid(cid, heat);
    }

    private static PinState readPinState(byte[] data) throws IOException, MalformedClusterMessageException {
        List<ClusterPin> pins = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1) {
                bound(pins.size() < MAX_PINS, "too many pins");
                pins.add(readPin(bytes(in, tag, MAX_ENVELOPE)));
            } else {
                in.skipField(tag);
            }
        }
        return new PinState(pins);
    }

    private static ClusterPin readPin(byte[] data) throws IOException, MalformedClusterMessageException {
        Cid cid = null;
        int replication = 0;
        List<PeerId> allocations = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> cid = Cid.decode(bytes(in, tag, MAX_CID));
                case 2 -> replication = in.readUInt32();
                case 3 -> {
                    bound(allocations.size() < MAX_ALLOCATIONS, "too many allocations");
                    allocations.add(PeerId.fromBytes(bytes(in, tag, MAX_PEER_ID)));
                }
                default -> in.skipField(tag);
            }
        }
        bound(cid != null, "a pin without a CID");
        bound(replication >= 0 && replication <= MAX_ALLOCATIONS, "bad replication");
        return new ClusterPin(cid, replication, allocations);
    }

    private static StatusReport readStatusReport(byte[] data) throws IOException, MalformedClusterMessageException {
        List<PinStatus> statuses = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1) {
                bound(statuses.size() < MAX_STATUSES, "too many statuses");
                statuses.add(readStatus(bytes(in, tag, MAX_CID + MAX_ERROR + 32)));
            } else {
                in.skipField(tag);
            }
        }
        return new StatusReport(statuses);
    }

    private static PinStatus readStatus(byte[] data) throws IOException, MalformedClusterMessageException {
        Cid cid = null;
        int status = 0;
        String error = "";
        long timestamp = 0;
        CodedInputStream in = CodedInputStream.newInstance(data);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> cid = Cid.decode(bytes(in, tag, MAX_CID));
                case 2 -> status = in.readEnum();
                case 3 -> error = new String(bytes(in, tag, MAX_ERROR), StandardCharsets.UTF_8);
                case 4 -> timestamp = in.readUInt64();
                default -> in.skipField(tag);
            }
        }
        PinStatus.Status[] values = PinStatus.Status.values();
        bound(cid != null && status >= 0 && status < values.length, "bad status");
        return new PinStatus(cid, values[status], error, timestamp);
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    /** A length-delimited field of at most max bytes, or a refusal. */
    private static byte[] bytes(CodedInputStream in, int tag, int max) throws IOException,
            MalformedClusterMessageException {
        bound(WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED, "wrong wire type");
        int length = in.readRawVarint32();
        bound(length >= 0 && length <= max, "field longer than " + max + " bytes");
        return in.readRawBytes(length);
    }

    private static void bound(boolean holds, String reason) throws MalformedClusterMessageException {
        if (!holds) {
            throw new MalformedClusterMessageException(reason);
        }
    }

    /** Writes with protobuf's coded stream into a byte array. */}
