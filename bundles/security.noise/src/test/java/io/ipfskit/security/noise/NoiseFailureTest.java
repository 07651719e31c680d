package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.testkit.TestNode;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures are told apart: what the remote breaks is refused with a NoiseProtocolException and a closed channel; what
 * breaks here (an allocator that fails stands in for a bug) also closes the channel but goes on down the pipeline, where
 * the embedded channel rethrows it, instead of being swallowed as if the remote had misbehaved.
 */
class NoiseFailureTest {

    private static final IllegalStateException BUG = new IllegalStateException("allocator bug");

    private final NoiseSecureChannel noise = new NoiseSecureChannel(new TestNode());
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    /** Makes every buffer the channel's handlers allocate from now on fail. */
    private void breakAllocator() {
        channel.config().setAllocator(new AbstractByteBufAllocator() {
            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }

            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                throw BUG;
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw BUG;
            }
        });
    }

    private static ByteBuf message(byte[] message) {
        return NoiseFrames.frame(UnpooledByteBufAllocator.DEFAULT, message);
    }

    @Test
    void anEphemeralKeyOfSmallOrderIsRefused() {
        CompletableFuture<SecureSession> session = noise.secure(channel, false, null).toCompletableFuture();
        channel.writeInbound(message(new byte[32]));
        CompletionException failure = assertThrows(CompletionException.class, session::join);
        NoiseProtocolException refusal = assertInstanceOf(NoiseProtocolException.class, failure.getCause());
        assertTrue(refusal.getMessage().contains("small order"), refusal.getMessage());
        assertFalse(channel.isActive());
    }

    @Test
    void aFailureHereDuringTheHandshakeIsReportedNotSwallowed() {
        CompletableFuture<SecureSession> session = noise.secure(channel, false, null).toCompletableFuture();
        breakAllocator();
        DecoderException reported = assertThrows(DecoderException.class,
                () -> channel.writeInbound(message(X25519.generate().publicKey())));
        assertEquals(BUG, reported.getCause());
        assertEquals(BUG, assertThrows(CompletionException.class, session::join).getCause());
        assertFalse(channel.isActive());
    }

    @Test
    void aFailureHereInTheTransportDecoderIsReportedNotSwallowed() {
        channel.pipeline().addLast(new NoiseDecoder(new CipherState(new byte[32])));
        breakAllocator();
        IllegalStateException reported = assertThrows(IllegalStateException.class,
                () -> channel.writeInbound(message(new byte[CipherState.TAG + 1])));
        assertSame(BUG, reported);
        assertFalse(channel.isActive());
    }
}
