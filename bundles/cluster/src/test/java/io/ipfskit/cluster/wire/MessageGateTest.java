package io.ipfskit.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One test per check of the gate: each fails when its check is taken out. */
class MessageGateTest {

    private static final byte[] SECRET = new byte[32];
    private static final long NOW = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(NOW);
    private final PeerId sender = ClusterCodecTest.peer();
    private final MessageGate gate = new MessageGate(SECRET, Set.of(), Duration.ofSeconds(30), clock::get);

    private static Body body(long timestamp, long counter) {
        return new Body(timestamp, counter, new Heartbeat(NodeRole.WORKER, 10, 5, 0, List.of()));
    }

    private static PubSubMessage message(PeerId from, byte[] data) {
        return new PubSubMessage(from, data, new byte[8], List.of("t"), new byte[64], null);
    }

    @Test
    void aSealedFreshMessageIsAdmitted() {
        Body body = body(NOW, 7);
        assertEquals(body, gate.admit(message(sender, ClusterCodec.seal(body, SECRET, sender))).orElseThrow());
        assertEquals(MessageGate.Drop.NONE, gate.lastDrop());
    }

    @Test
    void aWrongSecretIsDropped() {
        byte[] other = new byte[32];
        other[0] = 1;
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(NOW, 1), other, sender))).isEmpty());
        assertEquals(MessageGate.Drop.MALFORMED, gate.lastDrop());
    }

    @Test
    void aBodyReSentUnderAnotherSenderIsDropped() {
        byte[] sealed = ClusterCodec.seal(body(NOW, 1), SECRET, sender);
        assertTrue(gate.admit(message(ClusterCodecTest.peer(), sealed)).isEmpty());
        assertEquals(MessageGate.Drop.MALFORMED, gate.lastDrop());
    }

    @Test
    void aTamperedBodyIsDropped() {
        byte[] sealed = ClusterCodec.seal(body(NOW, 1), SECRET, sender);
        sealed[4] ^= 1;
        assertTrue(gate.admit(message(sender, sealed)).isEmpty());
        assertEquals(MessageGate.Drop.MALFORMED, gate.lastDrop());
    }

    @Test
    void anUntrustedPeerIsDroppedEvenWithTheSecret() {
        MessageGate strict = new MessageGate(SECRET, Set.of(ClusterCodecTest.peer()), Duration.ofSeconds(30), clock::get);
        assertTrue(strict.admit(message(sender, ClusterCodec.seal(body(NOW, 1), SECRET, sender))).isEmpty());
        assertEquals(MessageGate.Drop.UNTRUSTED, strict.lastDrop());
        MessageGate trusting = new MessageGate(SECRET, Set.of(sender), Duration.ofSeconds(30), clock::get);
        assertTrue(trusting.admit(message(sender, ClusterCodec.seal(body(NOW, 1), SECRET, sender))).isPresent());
    }

    @Test
    void staleAndFutureMessagesAreDropped() {
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(NOW - 30_001, 1), SECRET, sender))).isEmpty());
        assertEquals(MessageGate.Drop.STALE, gate.lastDrop());
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(NOW + 30_001, 2), SECRET, sender))).isEmpty());
        assertEquals(MessageGate.Drop.STALE, gate.lastDrop());
        // A timestamp whose distance from now overflows a long is stale too.
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(Long.MIN_VALUE + NOW, 3), SECRET, sender))).isEmpty());
        assertEquals(MessageGate.Drop.STALE, gate.lastDrop());
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(NOW - 30_000, 4), SECRET, sender))).isPresent());
    }

    @Test
    void aReplayedOrOlderCounterIsDropped() {
        byte[] sealed = ClusterCodec.seal(body(NOW, 100), SECRET, sender);
        assertTrue(gate.admit(message(sender, sealed)).isPresent());
        assertTrue(gate.admit(message(sender, sealed)).isEmpty());
        assertEquals(MessageGate.Drop.REPLAYED, gate.lastDrop());
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(NOW, 99), SECRET, sender))).isEmpty());
        assertEquals(MessageGate.Drop.REPLAYED, gate.lastDrop());
        assertTrue(gate.admit(message(sender, ClusterCodec.seal(body(NOW, 101), SECRET, sender))).isPresent());
    }

    @Test
    void anOversizedMessageIsDroppedUnread() {
        byte[] sealed = ClusterCodec.seal(body(NOW, 1), SECRET, sender);
        byte[] padded = Arrays.copyOf(sealed, ClusterCodec.MAX_ENVELOPE + 1);
        // Unknown field 15 (length-delimited) fills the rest: a valid protobuf, only too large.
        int header = 1 + 3;
        padded[sealed.length] = (byte) ((15 << 3) | 2);
        int length = padded.length - sealed.length - header;
        padded[sealed.length + 1] = (byte) (0x80 | (length & 0x7f));
        padded[sealed.length + 2] = (byte) (0x80 | ((length >>> 7) & 0x7f));
        padded[sealed.length + 3] = (byte) (length >>> 14);
        assertTrue(gate.admit(message(sender, padded)).isEmpty());
        assertEquals(MessageGate.Drop.MALFORMED, gate.lastDrop());
        byte[] fits = Arrays.copyOf(padded, ClusterCodec.MAX_ENVELOPE);
        length--;
        fits[sealed.length + 1] = (byte) (0x80 | (length & 0x7f));
        fits[sealed.length + 2] = (byte) (0x80 | ((length >>> 7) & 0x7f));
        fits[sealed.length + 3] = (byte) (length >>> 14);
        assertTrue(gate.admit(message(sender, fits)).isPresent(), "the same message one byte shorter fits");
    }
}
