package io.ipfskit.security.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.testkit.TestNode;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Noise authenticates the remote on both sides: its identity key must sign the very static key the handshake used, and
 * a dialled peer must be the one asked for. Each forgery is refused with a NoiseProtocolException and a closed channel.
 */
class NoiseAuthenticationTest {

    private final TestNode local = new TestNode();
    private final TestNode remote = new TestNode();
    private final NoiseSecureChannel noise = new NoiseSecureChannel(local);
    private final ScriptedPeer peer = new ScriptedPeer();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private void assertRefused(CompletableFuture<SecureSession> session, String reason) {
        CompletionException failure = assertThrows(CompletionException.class, session::join);
        NoiseProtocolException refusal = assertInstanceOf(NoiseProtocolException.class, failure.getCause());
        assertTrue(refusal.getMessage().contains(reason), refusal.getMessage());
        assertFalse(channel.isActive(), "the channel is closed");
    }

    @Test
    void anHonestResponderIsAuthenticated() throws Exception {
        byte[] honest = ScriptedPeer.payload(remote, peer.staticKeys.publicKey());
        assertEquals(remote.peerId(), peer.answer(noise, channel, remote.peerId(), honest).join().remotePeer());
    }

    @Test
    void anHonestInitiatorIsAuthenticated() throws Exception {
        byte[] honest = ScriptedPeer.payload(remote, peer.staticKeys.publicKey());
        assertEquals(remote.peerId(), peer.dial(noise, channel, honest).join().remotePeer());
    }

    @Test
    void aResponderSigningAnotherStaticKeyIsRefused() throws Exception {
        byte[] forged = ScriptedPeer.payload(remote, X25519.generate().publicKey());
        assertRefused(peer.answer(noise, channel, null, forged), "signature");
    }

    @Test
    void anInitiatorSigningAnotherStaticKeyIsRefused() throws Exception {
        byte[] forged = ScriptedPeer.payload(remote, X25519.generate().publicKey());
        assertRefused(peer.dial(noise, channel, forged), "signature");
    }

    @Test
    void aSignatureByAnotherIdentityThanTheNamedKeyIsRefused() throws Exception {
        byte[] forged = ScriptedPeer.payload(remote, new TestNode(), peer.staticKeys.publicKey());
        assertRefused(peer.answer(noise, channel, null, forged), "signature");
    }

    @Test
    void aResponderThatIsNotTheDialledPeerIsRefused() throws Exception {
        byte[] honest = ScriptedPeer.payload(remote, peer.staticKeys.publicKey());
        assertRefused(peer.answer(noise, channel, new TestNode().peerId(), honest), "not the dialled");
    }
}
