package io.ipfskit.discovery.pubsub;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code @libp2p/pubsub-peer-discovery}'s message, {@code Peer { bytes publicKey = 1; repeated bytes addrs = 2; }}:
 * writing ours, and reading one heard on the topic into the peer it announces, but only when the key is the message's
 * origin's (pubsub verified that the origin signed it) and within {@link #MAX_BYTES} and {@link #MAX_ADDRESSES}.
 */
final class PeerMessage {

    /** The topic, as js names it. */
    static final String TOPIC = "_peer-discovery._p2p._pubsub";
    /** A message's size at most. */
    static final int MAX_BYTES = 4096;
    /** Addresses taken from one message at most (further ones are ignored). */
    static final int MAX_ADDRESSES = 32;

    private static final int PUBLIC_KEY = 1;
    private static final int ADDRS = 2;

    private PeerMessage() {
    }

    /** Our message: the key (libp2p's protobuf) and each address's bytes. */
    static byte[] encode(PublicKey key, List<Multiaddr> addresses) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeByteArray(PUBLIC_KEY, key.marshal());
            for (Multiaddr address : addresses) {
                out.writeByteArray(ADDRS, address.bytes());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The peer a message announces: its key must parse and be the origin's; addresses that do not parse or end in
     * another peer's /p2p are dropped, a trailing /p2p of the peer itself is taken off. Empty when nothing usable remains.
     */
    static Optional<PeerInfo> read(PubSubMessage message) {
        byte[] data = message.data();
        if (data == null || data.length > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] key = null;
        List<byte[]> addrs = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(data);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == PUBLIC_KEY && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    key = in.readByteArray();
                } else if (field == ADDRS && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    byte[] address = in.readByteArray();
                    if (addrs.size() < MAX_ADDRESSES) {
                        addrs.add(address);
                    }
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            if (key == null) {
                return Optional.empty();
            }
            PeerId peer = PeerId.fromPublicKey(PublicKey.unmarshal(key));
            if (!peer.equals(message.from())) {
                return Optional.empty();
            }
            List<Multiaddr> addresses = new ArrayList<>();
            for (byte[] bytes : addrs) {
                address(bytes, peer).filter(a -> !addresses.contains(a)).ifPresent(addresses::add);
            }
            return addresses.isEmpty() ? Optional.empty() : Optional.of(new PeerInfo(peer, addresses));
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<Multiaddr> address(byte[] bytes, PeerId peer) {
        try {
            Multiaddr address = Multiaddr.decode(bytes);
            if (address.components().isEmpty() || address.peerId().filter(id -> !id.equals(peer)).isPresent()) {
                return Optional.empty();
            }
            Multiaddr dialable = address.withoutPeerId();
            return dialable.components().isEmpty() ? Optional.empty() : Optional.of(dialable);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
