package io.ipfskit.protocol.identify;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signed peer records (RFC 0002 envelope, RFC 0003 record): {@code Envelope{public_key 1, payload_type 2, payload 3,
 * signature 5}} over {@code PeerRecord{peer_id 1, seq 2, addresses 3 {multiaddr 1}}}, domain {@code libp2p-peer-record}.
 */
final class PeerRecords {

    static final String DOMAIN = "libp2p-peer-record";
    /** The multicodec {@code libp2p-peer-record} (0x0301) as an unsigned varint. */
    static final byte[] PAYLOAD_TYPE = Varint.encode(0x0301);

    /** A verified record: who signed it, its sequence number (later records have higher ones), the addresses it lists. */
    record Verified(PeerId peer, long seq, List<Multiaddr> addresses) {
    }

    private PeerRecords() {
    }

    /** Builds and signs (through the node) the envelope of our record. */
    static byte[] seal(Node node, long seq, List<Multiaddr> addresses) {
        try {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            CodedOutputStream r = CodedOutputStream.newInstance(record);
            r.writeByteArray(1, node.peerId().bytes());
            r.writeUInt64(2, seq);
            for (Multiaddr address : addresses) {
                ByteArrayOutputStream info = new ByteArrayOutputStream();
                CodedOutputStream i = CodedOutputStream.newInstance(info);
                i.writeByteArray(1, address.bytes());
                i.flush();
                r.writeByteArray(3, info.toByteArray());
            }
            r.flush();
            byte[] payload = record.toByteArray();
            ByteArrayOutputStream envelope = new ByteArrayOutputStream();
            CodedOutputStream e = CodedOutputStream.newInstance(envelope);
            e.writeByteArray(1, node.publicKey().marshal());
            e.writeByteArray(2, PAYLOAD_TYPE);
            e.writeByteArray(3, payload);
            e.writeByteArray(5, node.sign(signedData(payload)));
            e.flush();
            return envelope.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an envelope: checks type, signature and that the signer is the record's peer; empty if anything fails. */
    static Optional<Verified> open(byte[] envelope) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(envelope);
            byte[] key = null;
            byte[] type = null;
            byte[] payload = null;
            byte[] signature = null;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> key = in.readByteArray();
                    case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> type = in.readByteArray();
                    case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> payload = in.readByteArray();
                    case (5 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> signature = in.readByteArray();
                    default -> in.skipField(tag);
                }
            }
            if (key == null || payload == null || signature == null || !java.util.Arrays.equals(type, PAYLOAD_TYPE)) {
                return Optional.empty();
            }
            PublicKey signer = PublicKey.unmarshal(key);
            if (!signer.verify(signedData(payload), signature)) {
                return Optional.empty();
            }
            return readRecord(payload).filter(v -> v.peer().matches(signer));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Verified> readRecord(byte[] payload) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(payload);
        PeerId peer = null;
        long seq = 0;
        List<Multiaddr> addresses = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                peer = PeerId.fromBytes(in.readByteArray());
            } else if (tag == ((2 << 3) | WireFormat.WIRETYPE_VARINT)) {
                seq = in.readUInt64();
            } else if (tag == ((3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED) && addresses.size() < IdentifyMessage.MAX_REPEATED) {
                CodedInputStream info = CodedInputStream.newInstance(in.readByteArray());
                int t;
                while ((t = info.readTag()) != 0) {
                    if (t == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        addresses.add(Multiaddr.decode(info.readByteArray()));
                    } else {
                        info.skipField(t);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return peer == null ? Optional.empty() : Optional.of(new Verified(peer, seq, addresses));
    }

    private static byte[] signedData(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
        for (byte[] part : new byte[][] {domain, PAYLOAD_TYPE, payload}) {
            out.writeBytes(Varint.encode(part.length));
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
