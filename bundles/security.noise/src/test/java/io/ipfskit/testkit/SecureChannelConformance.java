package io.ipfskit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.api.node.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link SecureChannel} must do; each implementation's test extends this with its factory. */
public abstract class SecureChannelConformance {

    /** A secure channel speaking for the node's identity. */
    protected abstract SecureChannel create(Node node);

    private final TestNode alice = new TestNode();
    private final TestNode bob = new TestNode();
    private final EmbeddedPair pair = new EmbeddedPair();

    private CompletableFuture<SecureSession>[] handshake(Node dialler, Node listener, io.ipfskit.multiformats.PeerId expected) {
        @SuppressWarnings("unchecked")
        CompletableFuture<SecureSession>[] sessions = new CompletableFuture[] {
            create(dialler).secure(pair.initiator, true, expected).toCompletableFuture(),
            create(listener).secure(pair.responder, false, null).toCompletableFuture()};
        pair.pump();
        return sessions;
    }

    @Test
    void bothSidesAuthenticateEachOther() {
        CompletableFuture<SecureSession>[] s = handshake(alice, bob, bob.peerId());
        assertEquals(bob.peerId(), s[0].join().remotePeer());
        assertEquals(alice.peerId(), s[1].join().remotePeer());
        assertEquals(bob.publicKey(), s[0].join().remoteKey());
        assertEquals(create(alice).protocolId(), s[0].join().protocolId());
    }

    @Test
    void carriesPlaintextBothWaysIncludingLargeMessages() {
        handshake(alice, bob, bob.peerId());
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        pair.initiator.writeAndFlush(Unpooled.wrappedBuffer(big));
        pair.responder.writeAndFlush(Unpooled.wrappedBuffer("pong".getBytes()));
        pair.pump();
        assertArrayEquals(big, drain(pair.responder));
        assertArrayEquals("pong".getBytes(), drain(pair.initiator));
    }

    @Test
    void rejectsAPeerOtherThanTheDialledOne() {
        CompletableFuture<SecureSession>[] s = handshake(alice, bob, new TestNode().peerId());
        assertTrue(s[0].isCompletedExceptionally());
        assertFalse(pair.initiator.isActive());
    }

    @Test
    void closesOnTamperedTraffic() {
        handshake(alice, bob, bob.peerId());
        pair.tamperInitiatorBytes(b -> {
            b.setByte(b.writerIndex() - 1, b.getByte(b.writerIndex() - 1) ^ 1);
            return b;
        });
        pair.initiator.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        pair.pump();
        assertFalse(pair.responder.isActive());
        assertEquals(null, (Object) pair.responder.readInbound());
    }

    @Test
    void closesOnGarbageHandshake() {
        CompletableFuture<SecureSession> s = create(bob).secure(pair.responder, false, null).toCompletableFuture();
        pair.injectToResponder(Unpooled.wrappedBuffer(new byte[] {0, 3, 1, 2, 3}));
        pair.pump();
        assertTrue(s.isCompletedExceptionally());
        assertFalse(pair.responder.isActive());
    }

    private static byte[] drain(io.netty.channel.embedded.EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf b;
        while ((b = channel.readInbound()) != null) {
            all.writeBytes(b);
            b.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }
}
