package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.api.net.SecureSession;
import io.ipfskit.testkit.TestNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Jazzer: a peer that completes the XX key exchange correctly but seals arbitrary bytes as its handshake payload
 * (identity key, signature, extensions) is either authenticated or refused with an IOException or
 * GeneralSecurityException and a closed channel; the handshake never stays pending and nothing else is thrown. The
 * fuzzer's bytes go through a real encrypted message 2, so they reach the payload, key and signature parsers that
 * random wire bytes cannot. Without JAZZER_FUZZ=1 only the seeds in
 * src/test/resources/io/ipfskit/security/noise/NoisePayloadFuzzTestInputs/messageTwoPayload replay; to fuzz (the
 * instrument setting extends coverage feedback to the multiformats key and signature parsers):
 * <pre>JAZZER_FUZZ=1 JAZZER_INSTRUMENT='io.ipfskit.**' mvn -pl bundles/security.noise test -Dtest=NoisePayloadFuzzTest#messageTwoPayload</pre>
 */
class NoisePayloadFuzzTest {

    /** The largest payload that fits message 2: e, the sealed static key and the payload's tag take the rest. */
    private static final int MAX_PAYLOAD = NoiseFrames.MAX_MESSAGE - 32 - (32 + CipherState.TAG) - CipherState.TAG;
    private static final NoiseSecureChannel INITIATOR = new NoiseSecureChannel(new TestNode());
    private static final X25519.Pair RESPONDER_STATIC = X25519.generate();

    @FuzzTest(maxDuration = "30s")
    void messageTwoPayload(byte[] payload) throws GeneralSecurityException {
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            byte[] fitting = Arrays.copyOf(payload, Math.min(payload.length, MAX_PAYLOAD));
            CompletableFuture<SecureSession> session = answer(channel, fitting);
            assertTrue(session.isDone(), "the handshake was left pending");
            session.handle((ok, failure) -> {
                if (failure != null) {
                    assertTrue(failure instanceof IOException || failure instanceof GeneralSecurityException,
                            "unexpected failure " + failure);
                    assertFalse(channel.isOpen(), "refused but the channel is open");
                }
                return null;
            }).join();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Proves the harness reaches authentication: a genuinely signed payload passes the same path. */
    @Test
    void aProperlySignedPayloadAuthenticates() throws GeneralSecurityException {
        TestNode responder = new TestNode();
        byte[] prefix = HandshakePayload.SIGNATURE_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(RESPONDER_STATIC.publicKey(), 0, signed, prefix.length, 32);
        byte[] payload = new HandshakePayload(responder.publicKey().marshal(), responder.sign(signed)).encode();
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            assertEquals(responder.peerId(), answer(channel, payload).join().remotePeer());
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Starts an initiator on the channel and answers its message 1 with a message 2 sealing the payload. */
    private static CompletableFuture<SecureSession> answer(EmbeddedChannel channel, byte[] payload)
            throws GeneralSecurityException {
        CompletableFuture<SecureSession> session = INITIATOR.secure(channel, true, null).toCompletableFuture();
        XXHandshake responder = new XXHandshake(false, RESPONDER_STATIC);
        ByteBuf first = channel.readOutbound();
        try {
            responder.readMessage1(NoiseFrames.read(first));
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            first.release();
        }
        channel.writeInbound(NoiseFrames.frame(channel.alloc(), responder.writeMessage2(payload)));
        channel.checkException();
        return session;
    }
}
