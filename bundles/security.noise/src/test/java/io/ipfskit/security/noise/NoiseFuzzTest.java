package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.api.net.SecureSession;
import io.ipfskit.testkit.TestNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Jazzer: untrusted bytes given to a Noise responder or to a transport decoder never authenticate anyone, never yield
 * plaintext, and never escape as an exception (the channel is closed instead). Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/security/noise/NoiseFuzzTestInputs/METHOD replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/security.noise test -Dtest=NoiseFuzzTest#handshake</pre>
 */
class NoiseFuzzTest {

    private static final NoiseSecureChannel RESPONDER = new NoiseSecureChannel(new TestNode());

    @FuzzTest(maxDuration = "30s")
    void handshake(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        CompletableFuture<SecureSession> session = RESPONDER.secure(channel, false, null).toCompletableFuture();
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        channel.checkException();
        if (session.isDone() && !session.isCompletedExceptionally()) {
            throw new AssertionError("random bytes completed a handshake");
        }
        channel.finishAndReleaseAll();
    }

    @FuzzTest(maxDuration = "30s")
    void transportFrames(byte[] input) {
        EmbeddedChannel channel = new EmbeddedChannel(new NoiseDecoder(new CipherState(new byte[32])));
        channel.writeInbound(Unpooled.wrappedBuffer(input));
        channel.checkException();
        assertNull(channel.readInbound(), "forged frame decrypted");
        channel.finishAndReleaseAll();
    }
}
