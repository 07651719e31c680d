package io.ipfskit.security.noise;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.api.node.Node;
import io.ipfskit.multiformats.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;

/**
 * Plays one side of the XX handshake by hand against a {@link NoiseSecureChannel} on an embedded channel, sealing a
 * payload the test chooses, so tests reach the identity checks with keys and signatures no honest peer sends.
 */
final class ScriptedPeer {

    /** This side's Noise static key pair. */
    final X25519.Pair staticKeys = X25519.generate();

    /** A payload naming {@code identity}'s key and carrying its signature over the given Noise static key. */
    static byte[] payload(Node identity, byte[] signedStaticKey) {
        return payload(identity, identity, signedStaticKey);
    }

    /** A payload naming {@code named}'s key with a signature by {@code signer} over the given Noise static key. */
    static byte[] payload(Node named, Node signer, byte[] signedStaticKey) {
        byte[] signature = signer.sign(HandshakePayload.signedData(signedStaticKey));
        return new HandshakePayload(named.publicKey().marshal(), signature).encode();
    }

    /** Starts {@code initiator} on the channel and answers its message 1 with a message 2 sealing the payload. */
    CompletableFuture<SecureSession> answer(NoiseSecureChannel initiator, EmbeddedChannel channel, PeerId expected,
            byte[] payload) throws GeneralSecurityException, IOException {
        CompletableFuture<SecureSession> session = initiator.secure(channel, true, expected).toCompletableFuture();
        XXHandshake responder = new XXHandshake(false, staticKeys);
        responder.readMessage1(sent(channel));
        channel.writeInbound(NoiseFrames.frame(channel.alloc(), responder.writeMessage2(payload)));
        return session;
    }

    /** Starts {@code responder} on the channel and dials it: message 1, then a message 3 sealing the payload. */
    CompletableFuture<SecureSession> dial(NoiseSecureChannel responder, EmbeddedChannel channel, byte[] payload)
            throws GeneralSecurityException, IOException {
        CompletableFuture<SecureSession> session = responder.secure(channel, false, null).toCompletableFuture();
        XXHandshake initiator = new XXHandshake(true, staticKeys);
        channel.writeInbound(NoiseFrames.frame(channel.alloc(), initiator.writeMessage1()));
        initiator.readMessage2(sent(channel));
        channel.writeInbound(NoiseFrames.frame(channel.alloc(), initiator.writeMessage3(payload)));
        return session;
    }

    /** The one handshake message the channel wrote. */
    private static byte[] sent(EmbeddedChannel channel) throws IOException {
        ByteBuf frame = channel.readOutbound();
        try {
            return NoiseFrames.read(frame);
        } finally {
            frame.release();
        }
    }
}
