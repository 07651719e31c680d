package io.ipfskit.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

    static final byte[] SECRET = new byte[32];
    static final PeerId SENDER = peer();

    static PeerId peer() {
        return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    }

    static Cid cid(String text) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyMessageComesBackAsItWasSealed() throws Exception {
        List<ClusterMessage> messages = List.of(
                new Heartbeat(NodeRole.WORKER, 1000, 600, 0.25, List.of(new HotCid(cid("a"), 3.5))),
                new PinState(List.of(new ClusterPin(cid("b"), 2, List.of(peer(), peer())), new ClusterPin(cid("c"), 0,
                        List.of()))),
                new StatusReport(List.of(new PinStatus(cid("d"), PinStatus.Status.ERROR, "no block", 42),
                        new PinStatus(cid("e"), PinStatus.Status.PINNED, "", 43))));
        for (ClusterMessage message : messages) {
            Body body = new Body(1234, 5678, message);
            assertEquals(body, ClusterCodec.open(ClusterCodec.seal(body, SECRET, SENDER), SECRET, SENDER));
        }
    }

    @Test
    void theStateFileKeepsMorePinsThanOneMessageMay() throws Exception {
        List<ClusterPin> pins = new ArrayList<>();
        for (int i = 0; i < ClusterCodec.MAX_PINS * 3; i++) {
            pins.add(new ClusterPin(cid("pin " + i), 1, List.of()));
        }
        assertEquals(pins, ClusterCodec.decodePins(ClusterCodec.encodePins(pins)));
        Body tooMany = new Body(1, 1, new PinState(pins));
        assertThrows(MalformedClusterMessageException.class,
                () -> ClusterCodec.open(ClusterCodec.seal(tooMany, SECRET, SENDER), SECRET, SENDER));
    }

    @Test
    void countsAndLengthsBeyondTheirBoundsAreRefused() {
        List<HotCid> hot = new ArrayList<>(Collections.nCopies(ClusterCodec.MAX_HOT + 1, new HotCid(cid("h"), 1)));
        Body tooHot = new Body(1, 1, new Heartbeat(NodeRole.WORKER, 1, 1, 0, hot));
        assertThrows(MalformedClusterMessageException.class,
                () -> ClusterCodec.open(ClusterCodec.seal(tooHot, SECRET, SENDER), SECRET, SENDER));
        List<PeerId> allocations = new ArrayList<>();
        for (int i = 0; i <= ClusterCodec.MAX_ALLOCATIONS; i++) {
            allocations.add(SENDER);
        }
        Body tooWide = new Body(1, 1, new PinState(List.of(new ClusterPin(cid("w"), 1, allocations))));
        assertThrows(MalformedClusterMessageException.class,
                () -> ClusterCodec.open(ClusterCodec.seal(tooWide, SECRET, SENDER), SECRET, SENDER));
        Body longError = new Body(1, 1, new StatusReport(List.of(new PinStatus(cid("e"), PinStatus.Status.ERROR,
                "x".repeat(ClusterCodec.MAX_ERROR + 1), 1))));
        assertThrows(MalformedClusterMessageException.class,
                () -> ClusterCodec.open(ClusterCodec.seal(longError, SECRET, SENDER), SECRET, SENDER));
    }

    @Test
    void theHmacBindsTheBodyToItsSender() {
        byte[] sealed = ClusterCodec.seal(new Body(1, 1, new StatusReport(List.of())), SECRET, SENDER);
        assertThrows(MalformedClusterMessageException.class, () -> ClusterCodec.open(sealed, SECRET, peer()));
        byte[] hmac = ClusterCodec.hmac(SECRET, "body".getBytes(StandardCharsets.UTF_8), SENDER);
        assertEquals(32, hmac.length);
        assertArrayEquals(hmac, ClusterCodec.hmac(SECRET, "body".getBytes(StandardCharsets.UTF_8), SENDER));
    }
}
