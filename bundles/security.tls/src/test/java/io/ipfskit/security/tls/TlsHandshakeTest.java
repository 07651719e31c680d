package io.ipfskit.security.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.net.spi.SecureSession;
import io.ipfskit.testkit.EmbeddedPair;
import io.ipfskit.testkit.TestNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Handshakes between two channels in memory: TLS 1.3 with the muxer agreed in ALPN; a forged certificate is refused by
 * whichever side receives it, a TLS 1.2 peer is refused, and a peer that never answers is cut by the handshake timeout.
 */
class TlsHandshakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TestNode alice = new TestNode();
    private final TestNode bob = new TestNode();
    private final EmbeddedPair pair = new EmbeddedPair();

    @AfterEach
    void release() {
        pair.initiator.finishAndReleaseAll();
        pair.responder.finishAndReleaseAll();
    }

    private static TlsSecureChannel tls(TestNode node) {
        return new TlsSecureChannel(LocalCertificate.create(node), TIMEOUT);
    }

    private static TlsSecureChannel forged(LocalCertificate certificate) {
        return new TlsSecureChannel(certificate, TIMEOUT);
    }

    private CompletableFuture<SecureSession> dial(TlsSecureChannel dialler, List<String> muxers) {
        return dialler.secure(pair.initiator, true, bob.peerId(), muxers).toCompletableFuture();
    }

    private CompletableFuture<SecureSession> listen(TlsSecureChannel listener, List<String> muxers) {
        return listener.secure(pair.responder, false, null, muxers).toCompletableFuture();
    }

    /** The messages of an exception and its causes, one per line. */
    private static String causes(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static void assertRefused(CompletableFuture<SecureSession> session) {
        assertTrue(session.isCompletedExceptionally(), "the handshake was not refused");
    }

    @Test
    void agreesOnTls13AndTheFirstSharedMuxer() {
        CompletableFuture<SecureSession> dialled = dial(tls(alice), List.of("/mplex/6.7.0", "/yamux/1.0.0"));
        CompletableFuture<SecureSession> accepted = listen(tls(bob), List.of("/yamux/1.0.0"));
        pair.pump();
        assertEquals("/yamux/1.0.0", dialled.join().earlyMuxer());
        assertEquals("/yamux/1.0.0", accepted.join().earlyMuxer());
        assertEquals(alice.peerId(), accepted.join().remotePeer());
        assertEquals("TLSv1.3", pair.initiator.pipeline().get(SslHandler.class).engine().getSession().getProtocol());
    }

    @Test
    void withoutASharedMuxerMultistreamPicksItAfter() {
        CompletableFuture<SecureSession> dialled = dial(tls(alice), List.of("/mplex/6.7.0"));
        CompletableFuture<SecureSession> accepted = listen(tls(bob), List.of("/yamux/1.0.0"));
        pair.pump();
        assertNull(dialled.join().earlyMuxer());
        assertNull(accepted.join().earlyMuxer());
    }

    @Test
    void theListenerRefusesADiallerWithoutTheKeyExtension() {
        KeyPair keys = LocalCertificate.newKey();
        LocalCertificate bare = LocalCertificate.sign(keys, LocalCertificate.builder(keys.getPublic().getEncoded(),
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1))));
        CompletableFuture<SecureSession> dialled = dial(forged(bare), List.of());
        CompletableFuture<SecureSession> accepted = listen(tls(bob), List.of());
        pair.pump();
        assertRefused(accepted);
        assertFalse(pair.responder.isActive());
        assertFalse(pair.initiator.isActive(), "the dialler learns of it and closes too");
        assertTrue(dialled.isDone());
    }

    @Test
    void theDiallerRefusesAListenerWithAnExpiredCertificate() {
        Instant past = Instant.now().minus(Duration.ofDays(2));
        CompletableFuture<SecureSession> dialled = dial(tls(alice), List.of());
        CompletableFuture<SecureSession> accepted =
                listen(forged(LocalCertificate.create(bob, past, past.plus(Duration.ofDays(1)), true)), List.of());
        pair.pump();
        CompletionException failure = assertThrows(CompletionException.class, dialled::join);
        assertTrue(causes(failure).contains("not valid now"), causes(failure));
        assertFalse(pair.initiator.isActive());
        assertRefused(accepted);
    }

    @Test
    void aTls12PeerIsRefused() {
        SSLEngine old = tls(alice).engine(true, List.of());
        old.setEnabledProtocols(new String[] {"TLSv1.2"});
        old.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"});
        pair.initiator.pipeline().addLast(new SslHandler(old), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
        CompletableFuture<SecureSession> accepted = listen(tls(bob), List.of());
        pair.pump();
        assertRefused(accepted);
        assertFalse(pair.responder.isActive());
    }

    @Test
    void aPeerThatNeverAnswersIsCutByTheHandshakeTimeout() {
        CompletableFuture<SecureSession> accepted = listen(tls(bob), List.of());
        pair.responder.runPendingTasks();
        assertFalse(accepted.isDone());
        pair.responder.advanceTimeBy(TIMEOUT.toMillis() + 1, TimeUnit.MILLISECONDS);
        pair.responder.runScheduledPendingTasks();
        CompletionException failure = assertThrows(CompletionException.class, accepted::join);
        assertInstanceOf(SslHandshakeTimeoutException.class, failure.getCause());
        assertFalse(pair.responder.isActive());
    }
}
