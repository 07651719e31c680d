package io.ipfskit.discovery.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Peer message: round trip, the origin check, address filtering, bounds, malformed input. */
class PeerMessageTest {

    static final PublicKey KEY = PrivateKey.generateEd25519().publicKey();
    static final PeerId PEER = PeerId.fromPublicKey(KEY);
    static final PeerId OTHER = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());

    @Test
    void anAnnouncementReadsBackAsItsPeerWithoutTheTrailingP2p() {
        byte[] data = PeerMessage.encode(KEY, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + PEER),
                Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")));
        assertEquals(Optional.of(new PeerInfo(PEER, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001"),
                Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")))), PeerMessage.read(from(PEER, data)));
    }

    @Test
    void anAnnouncementOfAKeyThatIsNotTheSendersIsIgnored() {
        byte[] data = PeerMessage.encode(KEY, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001")));
        assertEquals(Optional.empty(), PeerMessage.read(from(OTHER, data)));
    }

    @Test
    void addressesOfAnotherPeerAreDroppedAndNoneLeftIsNothing() {
        byte[] data = PeerMessage.encode(KEY, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + OTHER)));
        assertEquals(Optional.empty(), PeerMessage.read(from(PEER, data)));
    }

    @Test
    void addressesPerMessageAreBoundedAndOversizedMessagesIgnored() {
        List<Multiaddr> many = new ArrayList<>();
        for (int i = 0; i < PeerMessage.MAX_ADDRESSES + 10; i++) {
            many.add(Multiaddr.parse("/ip4/10.0.0." + i + "/tcp/4001"));
        }
        assertEquals(PeerMessage.MAX_ADDRESSES,
                PeerMessage.read(from(PEER, PeerMessage.encode(KEY, many))).orElseThrow().addresses().size());
        for (int i = 0; i < 500; i++) {
            many.add(Multiaddr.parse("/ip4/10.0.1." + (i % 250) + "/tcp/" + (5000 + i)));
        }
        byte[] large = PeerMessage.encode(KEY, many);
        assertTrue(large.length > PeerMessage.MAX_BYTES, large.length + " bytes");
        assertEquals(Optional.empty(), PeerMessage.read(from(PEER, large)));
    }

    @Test
    void unknownFieldsAreSkippedAndMalformedInputIsNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt64(9, 42);
        out.writeByteArray(1, KEY.marshal());
        out.writeString(10, "future");
        out.writeByteArray(2, new byte[] {1, 2, 3});
        out.writeByteArray(2, Multiaddr.parse("/ip4/10.0.0.1/tcp/1").bytes());
        out.flush();
        assertEquals(Optional.of(new PeerInfo(PEER, List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/1")))),
                PeerMessage.read(from(PEER, bytes.toByteArray())));
        assertEquals(Optional.empty(), PeerMessage.read(from(PEER, new byte[] {0x0a, 0x7f, 1})));
        assertEquals(Optional.empty(), PeerMessage.read(from(PEER, new byte[] {0x12, 0x02, 0x04, 0x0a})));
        assertEquals(Optional.empty(), PeerMessage.read(from(PEER, new byte[] {0x0a, 0x02, 0x08, 0x01})));
    }

    static PubSubMessage from(PeerId from, byte[] data) {
        return new PubSubMessage(from, data, new byte[8], List.of(PeerMessage.TOPIC), new byte[64], null);
    }
}
