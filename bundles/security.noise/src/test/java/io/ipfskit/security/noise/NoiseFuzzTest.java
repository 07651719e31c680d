package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.testkit.TestNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Jazzer: untrusted bytes given to a Noise responder or to a transport decoder never authenticate anyone and never
 * yield plaintext; what they break is refused with a NoiseProtocolException and a closed channel. Any other exception
 * fails the run (it goes down the pipeline, where the embedded channel rethrows it). Without JAZZER_FUZZ=1 only the
 * seeds in src/test/resources/io/ipfskit/security/noise/NoiseFuzzTestInputs/METHOD replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/security.noise test -Dtest=NoiseFuzzTest#handshake</pre>
 */
class NoiseFuzzTest {

    private static final NoiseSecureChannel RESPONDER = new NoiseSecureChannel(new TestNode());

    @FuzzTest(maxDuration = "30s")
    void handshake(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        CompletableFuture<SecureSession> session = RESPONDER.secure(channel, false, null).toCompletableFuture();
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        if (session.isDone()) {
            CompletionException refused = assertThrows(CompletionException.class, session::join,
                    "random bytes completed a handshake");
            assertInstanceOf(NoiseProtocolException.class, refused.getCause());
            assertFalse(channel.isActive(), "refused but the channel is open");
        }
        channel.finishAndReleaseAll();
    }

    @FuzzTest(maxDuration = "30s")
    void transportFrames(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseDecoder(new CipherState(new byte[32])));
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        assertNull(channel.readInbound(), "forged frame decrypted");
        channel.finishAndReleaseAll();
    }
}
