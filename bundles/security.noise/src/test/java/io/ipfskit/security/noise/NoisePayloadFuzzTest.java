package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.testkit.TestNode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Jazzer: a peer that completes the XX key exchange correctly but seals arbitrary bytes as its handshake payload
 * (identity key, signature, extensions) is either authenticated or refused with a NoiseProtocolException and a closed
 * channel; the handshake never stays pending. Any other exception fails the run (the handshake passes it down the
 * pipeline, where the embedded channel rethrows it). The fuzzer's bytes go through a real encrypted message 2, so they
 * reach the payload, key and signature parsers that random wire bytes cannot. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/security/noise/NoisePayloadFuzzTestInputs/messageTwoPayload replay (the instrument
 * setting below extends coverage feedback to the multiformats key and signature parsers).
 * NoiseAuthenticationTest shows that an honestly signed payload passes the same path. To fuzz:
 * <pre>JAZZER_FUZZ=1 JAZZER_INSTRUMENT='io.ipfskit.**' mvn -pl bundles/security.noise test -Dtest=NoisePayloadFuzzTest#messageTwoPayload</pre>
 */
class NoisePayloadFuzzTest {

    /** The largest payload that fits message 2: e, the sealed static key and the payload's tag take the rest. */
    private static final int MAX_PAYLOAD = NoiseFrames.MAX_MESSAGE - 32 - (32 + CipherState.TAG) - CipherState.TAG;
    private static final NoiseSecureChannel INITIATOR = new NoiseSecureChannel(new TestNode());
    private static final ScriptedPeer RESPONDER = new ScriptedPeer();

    @FuzzTest(maxDuration = "30s")
    void messageTwoPayload(byte[] payload) throws GeneralSecurityException, IOException {
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            byte[] fitting = Arrays.copyOf(payload, Math.min(payload.length, MAX_PAYLOAD));
            CompletableFuture<SecureSession> session = RESPONDER.answer(INITIATOR, channel, null, fitting);
            assertTrue(session.isDone(), "the handshake was left pending");
            try {
                session.join();
            } catch (CompletionException refused) {
                assertInstanceOf(NoiseProtocolException.class, refused.getCause());
                assertFalse(channel.isActive(), "refused but the channel is open");
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
