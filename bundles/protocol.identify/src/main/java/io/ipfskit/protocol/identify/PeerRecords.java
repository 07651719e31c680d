package io.ipfskit.protocol.identify;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.SignedEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signed peer records (RFC 0002 envelope, RFC 0003 record): {@code Envelope{public_key 1, payload_type 2, payload 3,
 * signature 5}} over {@code PeerRecord{peer_id 1, seq 2, addresses 3 {multiaddr 1}}}, domain {@code libp2p-peer-record}.
 */
final class PeerRecords {

    static final String DOMAIN = "libp2p-peer-record";
    /** The multicodec {@code libp2p-peer-record}'s code as two big-endian bytes, as go-libp2p and js-libp2p write it. */
    static final byte[] PAYLOAD_TYPE = {0x03, 0x01};

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
            return SignedEnvelope.seal(node.publicKey(), node::sign, DOMAIN, PAYLOAD_TYPE, record.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an envelope: checks type, signature and that the signer is the record's peer; empty if anything fails. */
    static Optional<Verified> open(byte[] envelope) {
        try {
            SignedEnvelope opened = SignedEnvelope.open(envelope, DOMAIN, PAYLOAD_TYPE);
            return readRecord(opened.payload()).filter(v -> v.peer().matches(opened.signer()));
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
}
